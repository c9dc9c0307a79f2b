import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDevelopmentCa, loadCa, type LoadedCa } from "./ca";
import { buildCrl, crlName, crlNameOfCertificate, isRevocationReason } from "./crl";
import { issueClientCertificate } from "./issue";
import { makeFixtures, OPENSSL, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
const now = new Date("2026-12-01T10:00:00Z");

function devCa(keyType: "ec-p256" | "rsa-2048"): { ca: LoadedCa; pem: string } {
  const g = generateDevelopmentCa({
    keyType,
    subject: "/C=FR/O=Thales Test/CN=Portal Dev CA",
    now: new Date(now.getTime() - 86_400_000),
    validityYears: 10,
  });
  const r = loadCa({ certificatePem: g.certificatePem, privateKeyPem: g.privateKeyPem });
  if (!r.ok) throw new Error(r.findings[0]!.message);
  return { ca: r.ca, pem: g.certificatePem };
}

const openssl = (args: string[]) => spawnSync(OPENSSL, args, { encoding: "utf8" });

describe("CRL", () => {
  it.each(["ec-p256", "rsa-2048"] as const)(
    "openssl verifies the CRL and rejects only the revoked certificate (%s CA)",
    (kt) => {
      const { ca, pem } = devCa(kt);
      const issue = () => {
        const r = issueClientCertificate({
          csrPem: fx.text("d1-ec.csr"),
          ca,
          program: "d1",
          now,
          crlUrl: "https://portal.example/crl/x.crl",
        });
        if (!r.ok) throw new Error(r.findings[0]!.message);
        return r;
      };
      const revoked = issue();
      const kept = issue();
      const crl = buildCrl({
        ca,
        crlNumber: 7,
        now,
        entries: [{ serialNumber: revoked.serialNumber, revokedAt: now, reason: "keyCompromise" }],
      });
      writeFileSync(fx.file(`crl-ca-${kt}.pem`), pem);
      writeFileSync(fx.file(`crl-${kt}.crl`), crl.der);
      writeFileSync(fx.file(`crl-${kt}.pem`), crl.pem);
      writeFileSync(fx.file(`crl-revoked-${kt}.pem`), revoked.certificatePem);
      writeFileSync(fx.file(`crl-kept-${kt}.pem`), kept.certificatePem);

      const check = openssl([
        "crl",
        "-in",
        fx.file(`crl-${kt}.crl`),
        "-inform",
        "DER",
        "-CAfile",
        fx.file(`crl-ca-${kt}.pem`),
        "-noout",
      ]);
      expect(check.stderr + check.stdout).toContain("verify OK");
      expect(check.status).toBe(0);
      const text = execFileSync(OPENSSL, [
        "crl",
        "-in",
        fx.file(`crl-${kt}.crl`),
        "-inform",
        "DER",
        "-noout",
        "-text",
      ]).toString();
      expect(text).toContain(`Serial Number: ${revoked.serialNumber}`);
      expect(text).toContain("Key Compromise");
      expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*7/);
      expect(text).toContain("X509v3 Authority Key Identifier");
      expect(text).toContain("Next Update: Dec  8 10:00:00 2026 GMT");
      expect(text).not.toContain(kept.serialNumber);

      const verify = (leaf: string) =>
        openssl([
          "verify",
          "-crl_check",
          "-CAfile",
          fx.file(`crl-ca-${kt}.pem`),
          "-CRLfile",
          fx.file(`crl-${kt}.pem`),
          "-attime",
          String(Math.floor(now.getTime() / 1000) + 60),
          fx.file(leaf),
        ]);
      const bad = verify(`crl-revoked-${kt}.pem`);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout + bad.stderr).toContain("certificate revoked");
      const good = verify(`crl-kept-${kt}.pem`);
      expect(good.stdout + good.stderr).toContain(": OK");
      expect(good.status).toBe(0);

      const cert = execFileSync(OPENSSL, [
        "x509",
        "-in",
        fx.file(`crl-kept-${kt}.pem`),
        "-noout",
        "-ext",
        "crlDistributionPoints",
      ]).toString();
      expect(cert).toContain("URI:https://portal.example/crl/x.crl");
    },
  );

  it("an empty CRL verifies; unspecified carries no reason extension; names are stable per CA key", () => {
    const { ca, pem } = devCa("ec-p256");
    writeFileSync(fx.file("crl-empty-ca.pem"), pem);
    const empty = buildCrl({ ca, crlNumber: 0, now, entries: [] });
    writeFileSync(fx.file("crl-empty.crl"), empty.der);
    const check = openssl([
      "crl",
      "-in",
      fx.file("crl-empty.crl"),
      "-inform",
      "DER",
      "-CAfile",
      fx.file("crl-empty-ca.pem"),
      "-noout",
      "-text",
    ]);
    expect(check.stderr + check.stdout).toContain("verify OK");
    expect(check.stdout).toContain("No Revoked Certificates");
    const one = buildCrl({
      ca,
      crlNumber: 1,
      now,
      entries: [{ serialNumber: "0A1B", revokedAt: now, reason: "unspecified" }],
    });
    writeFileSync(fx.file("crl-unspec.crl"), one.der);
    const text = execFileSync(OPENSSL, [
      "crl",
      "-in",
      fx.file("crl-unspec.crl"),
      "-inform",
      "DER",
      "-noout",
      "-text",
    ]).toString();
    expect(text).toContain("Serial Number: 0A1B");
    expect(text).not.toContain("CRL Reason Code");
    expect(crlName(ca)).toMatch(/^portal-ca-[0-9a-f]{16}$/);
    expect(crlName(ca)).toBe(crlName(ca));
    expect(crlNameOfCertificate(pem)).toBe(crlName(ca));
    expect(crlNameOfCertificate("not a certificate")).toBeUndefined();
    expect(isRevocationReason("keyCompromise")).toBe(true);
    expect(isRevocationReason("cACompromise")).toBe(false);
    expect(isRevocationReason("toString")).toBe(false);
  });
});
