/**
 * Property (issue 15): following an upload's one corrected command yields a credential with no error and none of
 * the findings it was meant to fix. Each bad upload is made with the openssl CLI customers use, the suggested
 * command is run as printed (through bash, placeholders filled in), and its output is checked again.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAsset, withFix, type CheckAssetOptions, type CheckReport } from "./check";
import { dnValues } from "./dn";
import { finding } from "./findings";
import { NEW_KEY_FILE } from "./fix-command";
import { OPENSSL } from "./test-fixtures";

let dir: string;
const ossl = (cwd: string, ...args: string[]) =>
  execFileSync(OPENSSL, args, { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8");

const EXT = `
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "fix-cmd-"));
  writeFileSync(path.join(dir, "ext.cnf"), EXT);
  ossl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec256.key");
  ossl(dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ec384.key");
  ossl(dir, "genrsa", "-out", "rsa2048.key", "2048");
  // A CA for the "not self-signed" case (req -x509 makes a CA by default).
  ossl(
    dir,
    "req",
    "-x509",
    "-new",
    "-key",
    "ec384.key",
    "-sha256",
    "-days",
    "30",
    "-subj",
    "/CN=Some CA",
    "-out",
    "ca.pem",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Key = "ec256.key" | "ec384.key" | "rsa2048.key";
type Case = {
  name: string;
  opts: Omit<CheckAssetOptions, "now">;
  key: Key;
  /** openssl arguments that write the bad upload to `bad.pem` (run in the case's directory). */
  make: string[][];
  /** Findings the bad upload must have (so the case cannot pass vacuously). */
  codes: string[];
  /** Findings the upload service adds after the check (ENVIRONMENT_MIXUP). */
  extra?: CheckReport["findings"];
};

const d1 = (o: Partial<CheckAssetOptions> = {}) =>
  ({ program: "d1", environment: "PPR", identifier: "ISS123", asset: "csr", ...o }) as const;
const tsh = (o: Partial<CheckAssetOptions> = {}) =>
  ({
    program: "tsh",
    environment: "PPR",
    identifier: "CUST42",
    asset: "client-certificate",
    expectedCn: "TSH-CUST42-PPR",
    ...o,
  }) as const;
const csr = (key: Key, subj: string, hash = "-sha256") => [
  ["req", "-new", "-key", key, hash, "-subj", subj, "-out", "bad.pem"],
];
const selfSigned = (key: Key, subj: string, more: string[] = [], days = "730", hash = "-sha256") => [
  ["req", "-x509", "-new", "-key", key, hash, "-days", days, "-subj", subj, "-out", "bad.pem", ...more],
];
const DN = "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Payments";

const CASES: Case[] = [
  {
    name: "D1: CSR for the wrong environment, ST/L/OU missing (one -subj for both)",
    opts: d1(),
    key: "ec256.key",
    make: csr("ec256.key", "/C=FR/O=Acme Bank/CN=TLSMA-ECDSA\\/ISS123\\/D1.PRD"),
    codes: ["CN_ENVIRONMENT_MISMATCH", "DN_ATTRIBUTE_MISSING"],
  },
  {
    name: "D1: RSA 2048 (refused) with SHA-1",
    opts: d1(),
    key: "rsa2048.key",
    make: csr("rsa2048.key", `${DN}/CN=TLSMA-RSA\\/ISS123\\/D1.PPR`, "-sha1"),
    codes: ["KEY_RSA_2048_REFUSED", "SIGNATURE_HASH_WEAK"],
  },
  {
    name: "D1: P-384 (not allowed), CN only",
    opts: d1(),
    key: "ec384.key",
    make: csr("ec384.key", "/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR"),
    codes: ["KEY_NOT_ALLOWED", "DN_ATTRIBUTE_MISSING"],
  },
  {
    name: "D1: SHA-1, RSA token for an EC key",
    opts: d1(),
    key: "ec256.key",
    make: csr("ec256.key", `${DN}/CN=TLSMA-RSA\\/ISS123\\/D1.PPR`, "-sha1"),
    codes: ["SIGNATURE_HASH_WEAK", "CN_KEY_TYPE_MISMATCH"],
  },
  {
    name: "D1 eCom: no CN; a / and a $ in the DN survive the shell",
    opts: d1({ program: "d1-ecom", identifier: "MGW42", environment: "PRD" }),
    key: "ec256.key",
    make: csr("ec256.key", '/C=FR/ST=IDF/L=Paris/O=Acme\\/Bank/OU=Pay$HOME `x` "q"'),
    codes: ["CN_MISSING"],
  },
  {
    name: "D1: a key already used on the other environment (ENVIRONMENT_MIXUP, added by the upload service)",
    opts: d1({ environment: "PRD" }),
    key: "ec256.key",
    make: csr("ec256.key", `${DN}/CN=TLSMA-ECDSA\\/ISS123\\/D1.PRD`),
    codes: [],
    extra: [finding("ENVIRONMENT_MIXUP", "The key was submitted on PPR.", "Make a new key for D1.PRD.")],
  },
  {
    name: "TSH: openssl req -x509 defaults (CA:TRUE)",
    opts: tsh(),
    key: "ec256.key",
    make: selfSigned("ec256.key", "/CN=TSH-CUST42-PPR"),
    codes: ["CLIENT_CERT_IS_CA"],
  },
  {
    name: "TSH: 3 years, SHA-1, wrong CN",
    opts: tsh(),
    key: "ec256.key",
    make: selfSigned("ec256.key", "/O=Acme Bank/CN=TSH-CUST42-PRD", [], "1095", "-sha1"),
    codes: ["VALIDITY_TOO_LONG", "SIGNATURE_HASH_WEAK", "CN_MISMATCH"],
  },
  {
    name: "TSH: serverAuth only (no clientAuth EKU)",
    opts: tsh(),
    key: "ec384.key",
    make: selfSigned("ec384.key", "/CN=TSH-CUST42-PPR", ["-addext", "extendedKeyUsage=serverAuth"]),
    codes: ["EKU_NO_CLIENT_AUTH"],
  },
  {
    name: "TSH: key usage without digitalSignature",
    opts: tsh(),
    key: "ec256.key",
    make: selfSigned("ec256.key", "/CN=TSH-CUST42-PPR", [
      "-addext",
      "basicConstraints=critical,CA:FALSE",
      "-addext",
      "keyUsage=critical,keyEncipherment",
    ]),
    codes: ["KEY_USAGE_NO_DIGITAL_SIGNATURE"],
  },
  {
    name: "TSH: RSA 2048 (EC preferred)",
    opts: tsh(),
    key: "rsa2048.key",
    make: selfSigned("rsa2048.key", "/CN=TSH-CUST42-PPR", ["-addext", "basicConstraints=critical,CA:FALSE"]),
    codes: ["KEY_EC_PREFERRED"],
  },
  {
    name: "TSH: issued by a CA instead of self-signed",
    opts: tsh(),
    key: "ec256.key",
    make: [
      ["req", "-new", "-key", "ec256.key", "-sha256", "-subj", "/CN=TSH-CUST42-PPR", "-out", "leaf.csr"],
      [
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "../ca.pem",
        "-CAkey",
        "../ec384.key",
        "-CAcreateserial",
        "-days",
        "365",
        "-sha256",
        "-extfile",
        "../ext.cnf",
        "-extensions",
        "client",
        "-out",
        "bad.pem",
      ],
    ],
    codes: ["CLIENT_CERT_NOT_SELF_SIGNED"],
  },
];

/** The command as the user runs it: their key file for the placeholder, made-up values for the DN parts. */
function fillIn(command: string): string {
  return command
    .replaceAll("<your-private-key.pem>", "mine.key")
    .replaceAll("<country, 2 letters>", "FR")
    .replace(/<[^<>"]+>/g, "Filled In");
}

const pem = (cwd: string, file: string) => readFileSync(path.join(cwd, file));

describe("the one corrected command, run with openssl", () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))("%s", async (_name, i) => {
    const c = CASES[i]!;
    const cwd = path.join(dir, `case-${i}`);
    mkdirSync(cwd);
    copyFileSync(path.join(dir, c.key), path.join(cwd, "mine.key"));
    for (const args of c.make) ossl(cwd, ...args.map((a) => (a === c.key ? "mine.key" : a)));
    const now = new Date();
    const opts = { ...c.opts, now };
    const checked = await checkAsset(pem(cwd, "bad.pem"), opts);
    const bad = c.extra ? withFix({ ...checked, findings: [...checked.findings, ...c.extra] }, opts) : checked;
    const codes = bad.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(c.codes));
    const fix = bad.fix!;
    expect(fix, "a report with findings to fix has a command").toBeDefined();
    // One -subj for all findings, and the command is only the command (prose and notes are apart).
    expect(fix.command.match(/-subj /g)).toHaveLength(1);
    expect(fix.command).not.toMatch(/^(This|Replace|Then)/m);

    execFileSync("/bin/bash", ["-ec", fillIn(fix.command)], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = c.opts.asset === "csr" ? "request.csr" : "client-cert.pem";
    // Checked at a time after it was made (a certificate is not valid before the second openssl made it).
    const again = await checkAsset(pem(cwd, out), { ...opts, now: new Date(Date.now() + 1000) });
    const fixed = again.findings.filter((f) => f.severity !== "info" || codes.includes(f.code));
    expect(fixed, `after: ${fix.command}`).toEqual([]);
    expect(again.verdict).toBe("accepted");
    expect(again.fix).toBeUndefined();

    const made = c.opts.asset === "csr" ? again.csr!.details : again.certificates[0]!.details;
    const before = c.opts.asset === "csr" ? checked.csr!.details : checked.certificates[0]!.details;
    // What was right is kept: the user's own DN values, shell metacharacters and / included.
    for (const t of ["C", "O", "OU"])
      if (dnValues(before.subject, t).length) expect(dnValues(made.subject, t)).toEqual(dnValues(before.subject, t));
    // A new key only when a finding asks for one, and then a key of the program's preferred type.
    const newKey = fix.command.includes(NEW_KEY_FILE);
    expect(newKey).toBe(
      codes.some((x) =>
        ["KEY_RSA_2048_REFUSED", "KEY_NOT_ALLOWED", "KEY_EC_PREFERRED", "ENVIRONMENT_MIXUP"].includes(x),
      ),
    );
    const spki = (file: string, inCmd: string[]) => ossl(cwd, ...inCmd, "-in", file, "-noout", "-pubkey");
    const kind = c.opts.asset === "csr" ? ["req"] : ["x509"];
    if (newKey) expect(spki(out, kind)).not.toEqual(spki("bad.pem", kind));
    else expect(spki(out, kind)).toEqual(spki("bad.pem", kind));
  });

  it("makes a TSH certificate that is no CA and allows client authentication", async () => {
    const c = CASES.find((x) => x.codes.includes("CLIENT_CERT_IS_CA"))!;
    const cwd = path.join(dir, `case-${CASES.indexOf(c)}`);
    const text = ossl(cwd, "x509", "-in", "client-cert.pem", "-noout", "-ext", "basicConstraints,extendedKeyUsage");
    expect(text).toContain("CA:FALSE");
    expect(text).toContain("TLS Web Client Authentication");
  });
});
