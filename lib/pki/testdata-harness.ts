/** Test-only: run lib/pki over ../shared/testdata (x509-limbo, pyca vectors, badssl chains) and return verdicts. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { analyzeChain } from "./chain";
import { decodeInput } from "./decode";
import { parseCertificate } from "./parse-certificate";
import { parseCsr } from "./parse-csr";

export type LimboCase = {
  id: string;
  features: string[];
  validation_kind: string;
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  expected_result: "SUCCESS" | "FAILURE";
  expected_peer_name: { kind: "DNS" | "IP" | "RFC822"; value: string } | null;
  max_chain_depth: number | null;
};

/** `../shared/testdata` next to the repository, or SHARED_TESTDATA_DIR. Throws a clear error when missing. */
export function testdataDir(repoRoot: string, env: string | undefined): string {
  const dir = env ?? path.resolve(repoRoot, "../shared/testdata");
  if (!existsSync(path.join(dir, "x509-limbo/limbo-native.json"))) {
    throw new Error(
      `Shared test data not found in ${dir}. Put it at ../shared/testdata (next to the repository) or set SHARED_TESTDATA_DIR.`,
    );
  }
  return dir;
}

const pemDer = (pem: string) => decodeInput(pem).certificates[0]!;

/** Our verdict for a limbo case: SUCCESS when the chain anchors in the case's trusted certs without errors. */
export function limboVerdict(c: LimboCase): { result: "SUCCESS" | "FAILURE"; codes: string[]; warnings: string[] } {
  const now = c.validation_time ? new Date(c.validation_time) : new Date();
  const roots = c.trusted_certs.map(pemDer);
  // Limbo hands the verifier the peer certificate, the host it dialled and its settings, as a TLS client has them.
  const peer = c.expected_peer_name;
  const r = analyzeChain([pemDer(c.peer_certificate), ...c.untrusted_intermediates.map(pemDer)], {
    now,
    mode: "server-chain",
    roots,
    leafFirst: true,
    purpose: c.validation_kind === "CLIENT" ? "clientAuth" : "serverAuth",
    ...(peer && peer.kind !== "RFC822" ? { host: peer.value } : {}),
    ...(c.max_chain_depth !== null ? { maxIntermediates: c.max_chain_depth } : {}),
  });
  const errors = r.findings.filter((f) => f.severity === "error").map((f) => f.code);
  const warnings = r.findings.filter((f) => f.severity === "warning").map((f) => f.code);
  return { result: r.anchoredInMozilla && errors.length === 0 ? "SUCCESS" : "FAILURE", codes: errors, warnings };
}

export function loadLimbo(dir: string): LimboCase[] {
  return (
    JSON.parse(readFileSync(path.join(dir, "x509-limbo/limbo-native.json"), "utf8")) as { testcases: LimboCase[] }
  ).testcases;
}

export function pycaCsrVerdicts(
  dir: string,
): { file: string; found: string; ok: boolean; signatureValid?: boolean; codes: string[] }[] {
  const d = path.join(dir, "pyca-vectors/x509-requests");
  return readdirSync(d)
    .sort()
    .map((file) => {
      const dec = decodeInput(readFileSync(path.join(d, file)));
      const csr = dec.csrs[0];
      const p = csr ? parseCsr(csr) : undefined;
      return {
        file,
        found: dec.found,
        ok: !!p?.ok,
        ...(p?.ok ? { signatureValid: p.value.signatureValid } : {}),
        codes: [...dec.findings.map((f) => f.code), ...(p && !p.ok ? [p.finding.code] : [])],
      };
    });
}

export function badsslFiles(dir: string): string[] {
  return readdirSync(path.join(dir, "badssl-chains"))
    .filter((f) => f.endsWith(".pem"))
    .sort()
    .map((f) => path.join(dir, "badssl-chains", f));
}

export type BetterTlsCase = {
  id: number;
  certificates: string[];
  hostname: string;
  requiredFeatures: string[];
  expected: "ACCEPT" | "REJECT";
};
export type BetterTls = { trustRoot: Uint8Array; suites: Record<"nameconstraints" | "pathbuilding", BetterTlsCase[]> };

/** BetterTLS as exported by its own `export` command (gzip JSON, ../shared/testdata/bettertls). */
export function loadBetterTls(dir: string): BetterTls {
  const raw = JSON.parse(gunzipSync(readFileSync(path.join(dir, "bettertls/bettertls.json.gz"))).toString("utf8")) as {
    trustRoot: string;
    suites: Record<string, { testCases: BetterTlsCase[] }>;
  };
  return {
    trustRoot: Buffer.from(raw.trustRoot, "base64"),
    suites: {
      nameconstraints: raw.suites.nameconstraints!.testCases,
      pathbuilding: raw.suites.pathbuilding!.testCases,
    },
  };
}

/**
 * Our verdict, converted as x509-limbo's bettertls.py does: the leaf is validated for `hostname` against the
 * trust root, the other certificates are untrusted intermediates, at leaf notBefore + 1 s (notAfter + 1 s for
 * the expiry cases that expect REJECT).
 */
export function betterTlsVerdict(b: BetterTls, c: BetterTlsCase): { result: "ACCEPT" | "REJECT"; codes: string[] } {
  const ders = c.certificates.map((s) => new Uint8Array(Buffer.from(s, "base64")));
  const leaf = parseCertificate(ders[0]!);
  if (!leaf.ok) return { result: "REJECT", codes: [leaf.finding.code] };
  const expired = c.expected === "REJECT" && c.requiredFeatures.includes("INVALID_REASON_EXPIRED");
  const now = new Date(Date.parse(expired ? leaf.value.notAfter : leaf.value.notBefore) + 1000);
  const roots = betterTlsRoots.get(b) ?? [b.trustRoot];
  betterTlsRoots.set(b, roots);
  const r = analyzeChain(ders, { now, mode: "server-chain", roots, leafFirst: true, host: c.hostname });
  const errors = r.findings.filter((f) => f.severity === "error").map((f) => f.code);
  return { result: r.anchoredInMozilla && errors.length === 0 ? "ACCEPT" : "REJECT", codes: errors };
}

// One roots array per suite, so the parsed root store is cached across its ~9,600 cases.
const betterTlsRoots = new WeakMap<BetterTls, Uint8Array[]>();
