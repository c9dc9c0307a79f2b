import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDevelopmentCa, loadCa, type LoadedCa } from "./ca";
import { decodeInput } from "./decode";
import { exportPemBundle, exportPkcs7 } from "./export";
import { issueClientCertificate, planClientCertificate } from "./issue";
import { parseCertificate } from "./parse-certificate";
import { makeFixtures, OPENSSL, type Fixtures } from "./test-fixtures";
import { verifyCertificateMatchesCsr } from "./verify-match";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
const now = new Date();

function devCa(keyType: "ec-p256" | "rsa-2048", passphrase?: string): { ca: LoadedCa; pem: string } {
  const g = generateDevelopmentCa({
    keyType,
    subject: "/C=FR/O=Thales Test/CN=Portal Dev CA",
    now,
    validityYears: 10,
    ...(passphrase ? { passphrase } : {}),
  });
  const r = loadCa({
    certificatePem: g.certificatePem,
    privateKeyPem: g.privateKeyPem,
    ...(passphrase ? { passphrase } : {}),
  });
  if (!r.ok) throw new Error(r.findings[0]!.message);
  return { ca: r.ca, pem: g.certificatePem };
}

describe("issuing", () => {
  it.each(["ec-p256", "rsa-2048"] as const)("issues a D1 client certificate openssl verifies (%s CA)", (kt) => {
    const { ca, pem } = devCa(kt, kt === "ec-p256" ? "pw" : undefined);
    const r = issueClientCertificate({ csrPem: fx.text("d1-ec.csr"), ca, program: "d1", now });
    if (!r.ok) throw new Error(r.findings[0]!.message);
    writeFileSync(fx.file(`ca-${kt}.pem`), pem);
    writeFileSync(fx.file(`issued-${kt}.pem`), r.certificatePem);
    const out = execFileSync(OPENSSL, [
      "verify",
      "-purpose",
      "sslclient",
      "-CAfile",
      fx.file(`ca-${kt}.pem`),
      fx.file(`issued-${kt}.pem`),
    ]).toString();
    expect(out).toContain(": OK");
    const s = parseCertificate(r.der);
    if (!s.ok) throw new Error("parse");
    expect(s.value.subject.rfc4514).toBe(
      "CN=TLSMA-ECDSA/ISS123/D1.PPR,OU=Payments,O=Acme Bank,L=Paris,ST=Ile-de-France,C=FR",
    );
    expect(s.value.extendedKeyUsage).toEqual(["clientAuth"]);
    expect(s.value.keyUsage).toEqual(["digitalSignature"]);
    expect(s.value.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(r.notAfter.getUTCFullYear() - r.notBefore.getUTCFullYear()).toBe(5);
    expect(s.value.signatureAlgorithm.hash).toBe("sha256");
    expect(
      verifyCertificateMatchesCsr({
        certificate: r.certificatePem,
        csr: fx.text("d1-ec.csr"),
        caCertificate: pem,
        now,
      }),
    ).toEqual([]);
  });

  it("refuses bad CSRs and TSH, and detects mismatches", () => {
    const { ca, pem } = devCa("ec-p256");
    expect(issueClientCertificate({ csrPem: fx.text("d1-rsa2048.csr"), ca, program: "d1", now }).ok).toBe(false);
    expect(issueClientCertificate({ csrPem: fx.text("d1-ec.csr"), ca, program: "tsh", now }).ok).toBe(false);
    expect(issueClientCertificate({ csrPem: "garbage", ca, program: "d1", now }).ok).toBe(false);
    const r = issueClientCertificate({ csrPem: fx.text("d1-ec.csr"), ca, program: "d1", now });
    if (!r.ok) throw new Error("issue");
    const codes = verifyCertificateMatchesCsr({
      certificate: r.certificatePem,
      csr: fx.text("d1-rsa2048.csr"),
      caCertificate: fx.text("root.pem"),
      now,
    }).map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "CERTIFICATE_KEY_MISMATCH",
        "CERTIFICATE_ISSUER_MISMATCH",
        "CERTIFICATE_SIGNATURE_INVALID",
      ]),
    );
    expect(loadCa({ certificatePem: pem, privateKeyPem: fx.text("ec256.p8.pem") })).toMatchObject({ ok: false });
  });
});

describe("export", () => {
  const ders = () => ["root.pem", "leaf.pem", "int.pem"].map((n) => decodeInput(fx.read(n)).certificates[0]!);

  it("writes a normalized PEM bundle leaf → root or CA-only, with optional comments", () => {
    expect(exportPemBundle(ders(), { order: "leaf-to-root", comments: false })).toBe(
      fx.text("leaf.pem") + fx.text("int.pem") + fx.text("root.pem"),
    );
    const ca = exportPemBundle(ders(), { order: "ca-only", comments: true });
    expect(ca).toMatch(
      /^# subject: CN=Acme Test Intermediate,O=Acme Bank\n# issuer: CN=Acme Test Root,O=Acme Bank\n# not after: \d{4}-/,
    );
    expect(ca.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(ca.endsWith("-----END CERTIFICATE-----\n")).toBe(true);
  });

  it("writes a .p7b openssl reads and we read back", () => {
    const p7 = exportPkcs7(ders());
    writeFileSync(fx.file("out.p7b"), p7);
    const out = execFileSync(OPENSSL, [
      "pkcs7",
      "-inform",
      "DER",
      "-in",
      fx.file("out.p7b"),
      "-print_certs",
      "-noout",
    ]).toString();
    expect(out.match(/subject=/g)).toHaveLength(3);
    expect(decodeInput(p7).certificates).toEqual(ders());
  });
});

describe("the signing plan", () => {
  it("describes exactly the certificate that signing it produces (what the signing preview shows)", () => {
    const { ca } = devCa("rsa-2048");
    const params = {
      csrPem: fx.text("d1-ec.csr"),
      ca,
      program: "d1" as const,
      now,
      crlUrl: "https://portal.example.test/crl/portal-ca-0123456789abcdef.crl",
    };
    const planned = planClientCertificate(params);
    const issued = issueClientCertificate(params);
    if (!planned.ok || !issued.ok) throw new Error("plan or issue failed");
    const s = parseCertificate(issued.der);
    if (!s.ok) throw new Error("parse");
    const view = planned.plan.view;
    expect(view.subject).toBe(s.value.subject.rfc4514);
    expect(view.issuer).toBe(s.value.issuer.rfc4514);
    expect(view.publicKey).toBe(s.value.publicKey.description);
    expect(view.notBefore).toBe(s.value.notBefore);
    expect(view.notAfter).toBe(s.value.notAfter);
    expect(view.keyUsage).toEqual(s.value.keyUsage);
    expect(view.extendedKeyUsage).toEqual(s.value.extendedKeyUsage);
    expect(view.subjectAltNames).toEqual((s.value.subjectAltNames ?? []).map((n) => `${n.type}:${n.value}`));
    expect(view.basicConstraints).toMatch(/^CA: no( \(critical\))?$/);
    expect(s.value.basicConstraints).toMatchObject({ ca: false });
    // The CRL URL the plan names is the one openssl reads from the certificate.
    writeFileSync(fx.file("planned.pem"), issued.certificatePem);
    const text = execFileSync(OPENSSL, [
      "x509",
      "-noout",
      "-ext",
      "crlDistributionPoints",
      "-in",
      fx.file("planned.pem"),
    ]);
    expect(text.toString()).toContain(`URI:${view.crlDistributionPoint}`);
  });

  it("refuses what signing refuses, with the same findings", () => {
    const { ca } = devCa("ec-p256");
    const params = { csrPem: fx.text("d1-ec.csr"), ca, program: "tsh" as const, now };
    const planned = planClientCertificate(params);
    expect(planned.ok).toBe(false);
    expect(issueClientCertificate(params)).toEqual(planned);
  });
});
