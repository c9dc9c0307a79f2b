/** Test-only: run lib/pki over ../shared/testdata (x509-limbo, pyca vectors, badssl chains) and return verdicts. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { analyzeChain } from "./chain";
import { decodeInput } from "./decode";
import { parseCsr } from "./parse-csr";

export type LimboCase = {
  id: string; features: string[]; validation_kind: string; trusted_certs: string[]; untrusted_intermediates: string[];
  peer_certificate: string; validation_time: string | null; expected_result: "SUCCESS" | "FAILURE"; expected_peer_name: unknown;
};

/** `../shared/testdata` next to the repository, or SHARED_TESTDATA_DIR. Throws a clear error when missing. */
export function testdataDir(repoRoot: string, env: string | undefined): string {
  const dir = env ?? path.resolve(repoRoot, "../shared/testdata");
  if (!existsSync(path.join(dir, "x509-limbo/limbo-native.json"))) {
    throw new Error(`Shared test data not found in ${dir}. Put it at ../shared/testdata (next to the repository) or set SHARED_TESTDATA_DIR.`);
  }
  return dir;
}

const pemDer = (pem: string) => decodeInput(pem).certificates[0]!;

/** Our verdict for a limbo case: SUCCESS when the chain anchors in the case's trusted certs without errors. */
export function limboVerdict(c: LimboCase): { result: "SUCCESS" | "FAILURE"; codes: string[] } {
  const now = c.validation_time ? new Date(c.validation_time) : new Date();
  const roots = c.trusted_certs.map(pemDer);
  const r = analyzeChain([pemDer(c.peer_certificate), ...c.untrusted_intermediates.map(pemDer)], { now, mode: "server-chain", roots });
  const errors = r.findings.filter((f) => f.severity === "error").map((f) => f.code);
  return { result: r.anchoredInMozilla && errors.length === 0 ? "SUCCESS" : "FAILURE", codes: errors };
}

export function loadLimbo(dir: string): LimboCase[] {
  return (JSON.parse(readFileSync(path.join(dir, "x509-limbo/limbo-native.json"), "utf8")) as { testcases: LimboCase[] }).testcases;
}

export function pycaCsrVerdicts(dir: string): { file: string; found: string; ok: boolean; signatureValid?: boolean; codes: string[] }[] {
  const d = path.join(dir, "pyca-vectors/x509-requests");
  return readdirSync(d).sort().map((file) => {
    const dec = decodeInput(readFileSync(path.join(d, file)));
    const csr = dec.csrs[0];
    const p = csr ? parseCsr(csr) : undefined;
    return { file, found: dec.found, ok: !!p?.ok, ...(p?.ok ? { signatureValid: p.value.signatureValid } : {}), codes: [...dec.findings.map((f) => f.code), ...(p && !p.ok ? [p.finding.code] : [])] };
  });
}

export function badsslFiles(dir: string): string[] {
  return readdirSync(path.join(dir, "badssl-chains")).filter((f) => f.endsWith(".pem")).sort().map((f) => path.join(dir, "badssl-chains", f));
}
