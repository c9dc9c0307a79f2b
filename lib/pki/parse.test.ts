import { createHash } from "node:crypto";
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeInput } from "./decode";
import { isCa, isSelfSigned, parseCertificate } from "./parse-certificate";
import { parseCsr } from "./parse-csr";
import { makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});

const der = (name: string) => decodeInput(fx.read(name)).certificates[0]!;

describe("parseCertificate", () => {
  it("agrees with node:crypto on serial, dates, names and fingerprint", () => {
    const d = der("leaf.pem");
    const r = parseCertificate(d);
    if (!r.ok) throw new Error(r.finding.message);
    const x = new X509Certificate(d);
    const s = r.value;
    expect(s.serialNumber).toBe(x.serialNumber);
    expect(s.sha256).toBe(x.fingerprint256.replace(/:/g, "").toLowerCase());
    expect(new Date(s.notAfter).getTime()).toBe(new Date(x.validTo).getTime());
    expect(s.subject.rfc4514).toBe("CN=api.customer.example,O=Acme Bank");
    expect(s.subject.rdns[0]).toEqual([{ type: "O", oid: "2.5.4.10", value: "Acme Bank" }]);
    expect(s.publicKey).toMatchObject({ type: "rsa", bits: 2048 });
    expect(s.signatureAlgorithm.name).toBe("ecdsa-with-SHA256");
    expect(s.basicConstraints).toEqual({ ca: false, critical: true });
    expect(s.keyUsage).toEqual(["digitalSignature", "keyEncipherment"]);
    expect(s.extendedKeyUsage).toEqual(["serverAuth"]);
    expect(s.subjectAltNames).toEqual([{ type: "dns", value: "api.customer.example" }]);
    expect(s.subjectKeyIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(s.authorityKeyIdentifier).toMatch(/^[0-9a-f]{40}$/);
    const pin = createHash("sha256")
      .update(x.publicKey.export({ type: "spki", format: "der" }))
      .digest("base64");
    expect(s.spkiSha256).toBe(pin);
    expect(isCa(s)).toBe(false);
    expect(isSelfSigned(s)).toBe(false);
  });

  it("recognizes CAs and self-signed roots, and pathlen", () => {
    const root = parseCertificate(der("root.pem"));
    const int = parseCertificate(der("int.pem"));
    if (!root.ok || !int.ok) throw new Error("parse");
    expect(isCa(root.value) && isSelfSigned(root.value)).toBe(true);
    expect(int.value.basicConstraints).toEqual({ ca: true, pathLength: 0, critical: true });
  });

  it("returns a finding for malformed input", () => {
    const r = parseCertificate(der("leaf.pem").subarray(0, 100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.finding.code).toBe("CERTIFICATE_MALFORMED");
  });
});

describe("parseCsr", () => {
  it("summarizes a CSR and verifies its signature", () => {
    const r = parseCsr(decodeInput(fx.read("d1-ec.csr")).csrs[0]!);
    if (!r.ok) throw new Error(r.finding.message);
    expect(r.value.signatureValid).toBe(true);
    expect(r.value.subject.rfc4514).toBe(
      "CN=TLSMA-ECDSA/ISS123/D1.PPR,OU=Payments,O=Acme Bank,L=Paris,ST=Ile-de-France,C=FR",
    );
    expect(r.value.publicKey.description).toBe("EC P-256");
  });

  it("detects a broken proof of possession", () => {
    const d = new Uint8Array(decodeInput(fx.read("d1-ec.csr")).csrs[0]!);
    d[d.length - 5]! ^= 0x01;
    const r = parseCsr(d);
    expect(r.ok && r.value.signatureValid).toBe(false);
  });
});
