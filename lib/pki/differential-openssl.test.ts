/**
 * Differential test: chains generated with openssl (name constraints, EKU nesting, pathLen, cross-signs,
 * wildcards), judged by analyzeChain and by `openssl verify -x509_strict -purpose sslserver` with the same host.
 * Every scenario must get the same verdict from both; the expected verdict is stated too, so a scenario that
 * stops exercising what its name says fails.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeChain } from "./chain";
import { decodeInput } from "./decode";
import { OPENSSL } from "./test-fixtures";

type Spec = {
  /** Certificate file name; also the CN unless `subject` says otherwise. */
  name: string;
  /** Issuer certificate name; none = self-signed. */
  issuer?: string;
  /** Reuse another certificate's key and subject (a cross-certificate or a re-issued CA). */
  sameAs?: string;
  /** Extension lines (openssl x509v3_config). */
  ext: string[];
};

const CA = (...more: string[]) => [
  "basicConstraints=critical,CA:TRUE",
  "keyUsage=critical,keyCertSign,cRLSign",
  ...more,
];
const LEAF = (san: string, ...more: string[]) => [
  "basicConstraints=critical,CA:FALSE",
  "keyUsage=critical,digitalSignature",
  `subjectAltName=${san}`,
  ...more,
];
const IDS = ["subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid"];

let dir: string;
let serial = 100;
const made = new Set<string>();

function ossl(...args: string[]) {
  execFileSync(OPENSSL, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** Issue one certificate as described (keys are P-256; the issuer's key signs). */
function make(s: Spec) {
  if (made.has(s.name)) return;
  const keyOf = s.sameAs ?? s.name;
  if (!made.has(keyOf)) ossl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${keyOf}.key`);
  writeFileSync(path.join(dir, `${s.name}.cnf`), `[e]\n${[...s.ext, ...IDS].join("\n")}\n`);
  ossl("req", "-new", "-key", `${keyOf}.key`, "-subj", `/O=Diff/CN=${keyOf}`, "-out", `${s.name}.csr`);
  const signer = s.issuer
    ? ["-CA", `${s.issuer}.pem`, "-CAkey", `${specs.get(s.issuer)?.sameAs ?? s.issuer}.key`]
    : ["-signkey", `${keyOf}.key`];
  ossl(
    "x509",
    "-req",
    "-in",
    `${s.name}.csr`,
    ...signer,
    "-set_serial",
    String(serial++),
    "-days",
    "365",
    "-sha256",
    "-extfile",
    `${s.name}.cnf`,
    "-extensions",
    "e",
    "-out",
    `${s.name}.pem`,
  );
  made.add(s.name);
}

const specs = new Map<string, Spec>();
const def = (...list: Spec[]) => list.forEach((s) => specs.set(s.name, s));

def(
  { name: "root", ext: CA() },
  { name: "int", issuer: "root", ext: CA() },
  { name: "leaf", issuer: "int", ext: LEAF("DNS:api.example.com", "extendedKeyUsage=serverAuth") },
  { name: "wild", issuer: "int", ext: LEAF("DNS:*.example.com", "extendedKeyUsage=serverAuth") },
  { name: "client-leaf", issuer: "int", ext: LEAF("DNS:api.example.com", "extendedKeyUsage=clientAuth") },
  {
    name: "nr-leaf",
    issuer: "int",
    ext: [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,nonRepudiation",
      "subjectAltName=DNS:api.example.com",
    ],
  },
  // Name constraints on an intermediate: DNS permitted / excluded, IP permitted.
  {
    name: "nc-int",
    issuer: "root",
    ext: CA(
      "nameConstraints=critical,permitted;DNS:example.com,excluded;DNS:bad.example.com,permitted;IP:192.0.2.0/255.255.255.0",
    ),
  },
  { name: "nc-ok", issuer: "nc-int", ext: LEAF("DNS:api.example.com") },
  { name: "nc-outside", issuer: "nc-int", ext: LEAF("DNS:api.example.org") },
  { name: "nc-excluded", issuer: "nc-int", ext: LEAF("DNS:bad.example.com") },
  { name: "nc-excluded-sub", issuer: "nc-int", ext: LEAF("DNS:x.bad.example.com") },
  { name: "nc-ip-ok", issuer: "nc-int", ext: LEAF("IP:192.0.2.7") },
  { name: "nc-ip-outside", issuer: "nc-int", ext: LEAF("IP:198.51.100.7") },
  { name: "nc-second-san", issuer: "nc-int", ext: LEAF("DNS:api.example.com,DNS:api.example.net") },
  // Name constraints on the trust anchor itself.
  { name: "nc-root", ext: CA("nameConstraints=critical,excluded;DNS:example.com") },
  { name: "nc-root-int", issuer: "nc-root", ext: CA() },
  { name: "nc-root-leaf", issuer: "nc-root-int", ext: LEAF("DNS:api.example.com") },
  { name: "nc-root-other", issuer: "nc-root-int", ext: LEAF("DNS:api.example.org") },
  // EKU nesting.
  { name: "eku-client-int", issuer: "root", ext: CA("extendedKeyUsage=clientAuth") },
  {
    name: "eku-client-leaf",
    issuer: "eku-client-int",
    ext: LEAF("DNS:api.example.com", "extendedKeyUsage=serverAuth"),
  },
  { name: "eku-server-int", issuer: "root", ext: CA("extendedKeyUsage=serverAuth,clientAuth") },
  {
    name: "eku-server-leaf",
    issuer: "eku-server-int",
    ext: LEAF("DNS:api.example.com", "extendedKeyUsage=serverAuth"),
  },
  // pathLen.
  { name: "pl-root", ext: CA("basicConstraints=critical,CA:TRUE,pathlen:0") },
  { name: "pl-int1", issuer: "pl-root", ext: CA() },
  { name: "pl-int2", issuer: "pl-int1", ext: CA() },
  { name: "pl-leaf1", issuer: "pl-int1", ext: LEAF("DNS:api.example.com") },
  { name: "pl-leaf2", issuer: "pl-int2", ext: LEAF("DNS:api.example.com") },
  { name: "pl1-int", issuer: "root", ext: CA("basicConstraints=critical,CA:TRUE,pathlen:1") },
  { name: "pl1-sub", issuer: "pl1-int", ext: CA() },
  { name: "pl1-leaf", issuer: "pl1-sub", ext: LEAF("DNS:api.example.com") },
  // Cross-signs: the old root is not trusted, the new one is; old root cross-signed by the new one.
  { name: "old-root", ext: CA() },
  { name: "old-int", issuer: "old-root", ext: CA() },
  { name: "old-leaf", issuer: "old-int", ext: LEAF("DNS:api.example.com") },
  { name: "old-root-x", sameAs: "old-root", issuer: "root", ext: CA() },
  // A cross-certificate whose issuer restricts EKU to clientAuth: the other route must be found.
  { name: "old-root-x-bad", sameAs: "old-root", issuer: "eku-client-int", ext: CA() },
);

/** `opensslDiffers`: why OpenSSL's verdict is not the expected one (it follows one chain and never backtracks). */
type Scenario = {
  name: string;
  leaf: string;
  untrusted: string[];
  root: string;
  host: string;
  expected: boolean;
  opensslDiffers?: string;
};
const S = (
  name: string,
  leaf: string,
  untrusted: string[],
  host: string,
  expected: boolean,
  root = "root",
): Scenario => ({ name, leaf, untrusted, root, host, expected });
const NO_BACKTRACK =
  "OpenSSL 3.0 takes the first issuer it finds in the untrusted set and does not try others (Go, BoringSSL and BetterTLS expect the alternative path)";

const SCENARIOS: Scenario[] = [
  S("plain chain", "leaf", ["int"], "api.example.com", true),
  S("host mismatch", "leaf", ["int"], "www.example.com", false),
  S("wildcard matches one label", "wild", ["int"], "a.example.com", true),
  S("wildcard never two labels", "wild", ["int"], "a.b.example.com", false),
  S("leaf EKU clientAuth only", "client-leaf", ["int"], "api.example.com", false),
  S("leaf key usage allows no handshake", "nr-leaf", ["int"], "api.example.com", false),
  S("NC permitted DNS", "nc-ok", ["nc-int"], "api.example.com", true),
  S("NC outside permitted DNS", "nc-outside", ["nc-int"], "api.example.org", false),
  S("NC excluded DNS", "nc-excluded", ["nc-int"], "bad.example.com", false),
  S("NC excluded DNS subtree", "nc-excluded-sub", ["nc-int"], "x.bad.example.com", false),
  S("NC permitted IP", "nc-ip-ok", ["nc-int"], "192.0.2.7", true),
  S("NC outside permitted IP", "nc-ip-outside", ["nc-int"], "198.51.100.7", false),
  S("NC second SAN outside", "nc-second-san", ["nc-int"], "api.example.com", false),
  S("NC on the anchor excludes", "nc-root-leaf", ["nc-root-int"], "api.example.com", false, "nc-root"),
  S("NC on the anchor allows others", "nc-root-other", ["nc-root-int"], "api.example.org", true, "nc-root"),
  S("intermediate restricted to clientAuth", "eku-client-leaf", ["eku-client-int"], "api.example.com", false),
  S("intermediate allowing serverAuth", "eku-server-leaf", ["eku-server-int"], "api.example.com", true),
  S("root pathlen 0, one intermediate", "pl-leaf1", ["pl-int1"], "api.example.com", false, "pl-root"),
  S("root pathlen 0, two intermediates", "pl-leaf2", ["pl-int2", "pl-int1"], "api.example.com", false, "pl-root"),
  S("pathlen 1, one below", "pl1-leaf", ["pl1-sub", "pl1-int"], "api.example.com", true),
  S("cross-signed old root", "old-leaf", ["old-int", "old-root-x"], "api.example.com", true),
  {
    ...S(
      "cross-sign with the untrusted old root too",
      "old-leaf",
      ["old-root", "old-int", "old-root-x"],
      "api.example.com",
      true,
    ),
    opensslDiffers: NO_BACKTRACK,
  },
  {
    ...S(
      "bad cross-sign first, good one second",
      "old-leaf",
      ["old-int", "old-root-x-bad", "eku-client-int", "old-root-x"],
      "api.example.com",
      true,
    ),
    opensslDiffers: NO_BACKTRACK,
  },
  S("only the bad cross-sign", "old-leaf", ["old-int", "old-root-x-bad", "eku-client-int"], "api.example.com", false),
  S("no path to the anchor", "old-leaf", ["old-int", "old-root"], "api.example.com", false),
];

function openssl(s: Scenario): boolean {
  writeFileSync(
    path.join(dir, "untrusted.pem"),
    s.untrusted.map((n) => readFileSync(path.join(dir, `${n}.pem`), "utf8")).join(""),
  );
  const hostArgs = /^\d+\.\d+\.\d+\.\d+$/.test(s.host) ? ["-verify_ip", s.host] : ["-verify_hostname", s.host];
  const args = [
    "verify",
    "-x509_strict",
    "-purpose",
    "sslserver",
    "-CAfile",
    `${s.root}.pem`,
    ...(s.untrusted.length ? ["-untrusted", "untrusted.pem"] : []),
    ...hostArgs,
    `${s.leaf}.pem`,
  ];
  return spawnSync(OPENSSL, args, { cwd: dir, stdio: "ignore" }).status === 0;
}

function portal(s: Scenario): boolean {
  const der = (n: string) => decodeInput(readFileSync(path.join(dir, `${n}.pem`))).certificates[0]!;
  const r = analyzeChain([der(s.leaf), ...s.untrusted.map(der)], {
    now: new Date(),
    mode: "server-chain",
    roots: [der(s.root)],
    leafFirst: true,
    host: s.host,
  });
  return r.anchoredInMozilla && !r.findings.some((f) => f.severity === "error");
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pki-diff-"));
  for (const s of specs.values()) {
    if (s.issuer) make(specs.get(s.issuer)!);
    make(s);
  }
}, 120_000);

describe("differential: analyzeChain vs openssl verify -x509_strict -purpose sslserver", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    expect({ openssl: openssl(s), portal: portal(s) }).toEqual({
      openssl: s.opensslDiffers ? !s.expected : s.expected,
      portal: s.expected,
    });
  });
});
