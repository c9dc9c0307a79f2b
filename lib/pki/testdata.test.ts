/** lib/pki against test material written by others (../shared/testdata): x509-limbo, pyca CSR/PKCS#7 vectors, badssl chains. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeChain } from "./chain";
import { decodeInput } from "./decode";
import { parseCertificate } from "./parse-certificate";
import { OPENSSL } from "./test-fixtures";
import { LIMBO_EXCEPTIONS, LIMBO_REASONS } from "./testdata-exceptions";
import { badsslFiles, limboVerdict, loadLimbo, pycaCsrVerdicts, testdataDir } from "./testdata-harness";

// Never skip: a missing folder fails with a message saying where it was looked for.
const repoRoot = path.resolve(import.meta.dirname, "../..");
const dir = testdataDir(repoRoot, process.env.SHARED_TESTDATA_DIR);

describe("x509-limbo", () => {
  const cases = loadLimbo(dir);
  it("has the expected size", () => expect(cases.length).toBe(208));

  it("agrees with upstream except for the reasoned exceptions, each still reported as its warning", () => {
    const unexpected: string[] = [];
    for (const c of cases) {
      const v = limboVerdict(c);
      const agrees = v.result === c.expected_result;
      const exception = LIMBO_EXCEPTIONS[c.id];
      if (agrees === !!exception)
        unexpected.push(
          `${c.id}: expected ${c.expected_result}, got ${v.result} (${v.codes.join(",")})${exception ? " — listed as an exception but now agrees" : ""}`,
        );
      if (exception?.warning && !v.warnings.includes(exception.warning))
        unexpected.push(`${c.id}: accepted without the ${exception.warning} warning`);
    }
    expect(unexpected).toEqual([]);
    for (const e of Object.values(LIMBO_EXCEPTIONS)) expect(LIMBO_REASONS[e.reason]).toBeTruthy();
    // Only policy differences remain (was 111 before path validation, name constraints and host matching).
    expect(Object.keys(LIMBO_EXCEPTIONS).length).toBeLessThanOrEqual(38);
  });

  it("anchors the online::* chains in Node's Mozilla store", () => {
    for (const c of cases.filter((x) => x.id.startsWith("online::"))) {
      const certs = [c.peer_certificate, ...c.untrusted_intermediates].map((p) => decodeInput(p).certificates[0]!);
      const r = analyzeChain(certs, { now: new Date(c.validation_time!), mode: "server-chain" });
      expect(r.anchoredInMozilla, c.id).toBe(true);
    }
  });
});

describe("pyca vectors", () => {
  it("reads every CSR and agrees with `openssl req -verify` on the signature", () => {
    for (const v of pycaCsrVerdicts(dir)) {
      const file = path.join(dir, "pyca-vectors/x509-requests", v.file);
      // OpenSSL 3.0 `req -verify` exits 0 even on failure; read its verdict line instead (2>&1).
      let out: string;
      try {
        out = execFileSync("sh", [
          "-c",
          `"${OPENSSL}" req -verify -noout -in "${file}" ${v.file.endsWith(".der") ? "-inform DER" : ""} 2>&1`,
        ]).toString();
      } catch (e) {
        out = String((e as { stdout?: Buffer }).stdout ?? "");
      }
      const opensslOk = /verify OK/.test(out);
      expect(v.ok, v.file).toBe(true);
      expect(v.found, v.file).toBe("1 CSR");
      expect(v.signatureValid, v.file).toBe(opensslOk);
    }
  });

  it("reads PKCS#7 bundles in BER (indefinite length), DER and PEM", () => {
    const p7 = (n: string) => decodeInput(readFileSync(path.join(dir, "pyca-vectors/pkcs7", n)));
    expect(p7("amazon-roots.p7b").certificates.length).toBeGreaterThan(0);
    expect(p7("amazon-roots.der").certificates.length).toBe(p7("amazon-roots.p7b").certificates.length);
    expect(p7("isrg.pem").certificates.length).toBeGreaterThan(0);
    for (const d of p7("amazon-roots.p7b").certificates) expect(parseCertificate(d).ok).toBe(true);
  });
});

describe("badssl chains", () => {
  // Expected anchoring per README: 16 of the 33 chains anchor in Node's Mozilla store.
  it("decodes, orders leaf → root and anchors real public chains", () => {
    let anchored = 0;
    for (const f of badsslFiles(dir)) {
      const d = decodeInput(readFileSync(f));
      expect(d.certificates.length, f).toBeGreaterThan(0);
      const parsed = d.certificates.map((c) => parseCertificate(c));
      const starts = parsed.map((p) => (p.ok ? Date.parse(p.value.notBefore) : 0));
      // All have expired: validate one second after the latest notBefore.
      const now = new Date(Math.max(...starts) + 1000);
      const r = analyzeChain(d.certificates, { now, mode: "server-chain" });
      for (let i = 0; i + 1 < r.certificates.length; i++) {
        const c = r.certificates[i]!;
        if (c.role !== "root")
          expect(c.summary.issuer.rfc4514, path.basename(f)).toBe(r.certificates[i + 1]!.summary.subject.rfc4514);
      }
      if (r.anchoredInMozilla) anchored++;
    }
    expect(anchored).toBeGreaterThanOrEqual(14);
  });
});
