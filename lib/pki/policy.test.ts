import { beforeAll, describe, expect, it } from "vitest";
import { checkAsset, type CheckAssetOptions } from "./check";
import { expectedD1Cn, subjWithCn } from "./policy/cn";
import { programRules } from "./policy/rules";
import { makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures({ rsa4096: true });
});

const now = () => new Date(Date.now() + 86_400_000);
const base = (o: Partial<CheckAssetOptions>): CheckAssetOptions => ({
  program: "d1",
  environment: "PPR",
  identifier: "ISS123",
  asset: "csr",
  now: now(),
  ...o,
});
const check = async (name: string, o: Partial<CheckAssetOptions> = {}) => {
  const r = await checkAsset(fx.read(name), base(o));
  return { ...r, codes: r.findings.map((f) => f.code) };
};

describe("D1 / D1 eCom CSR rules", () => {
  it("accepts a well-formed P-256 and RSA-4096 CSR", async () => {
    expect((await check("d1-ec.csr")).verdict).toBe("accepted");
    // Nothing to fix, no command.
    expect((await check("d1-ec.csr")).fix).toBeUndefined();
    expect((await check("d1-ec.csr.der")).verdict).toBe("accepted");
    const rsa = await check("d1-rsa4096.csr", { environment: "PRD" });
    expect(rsa.verdict).toBe("accepted");
    expect(rsa.csr?.publicKey).toBe("RSA 4096");
    expect(rsa.normalizedPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
  });

  it("refuses RSA 2048 and P-384 keys, and SHA-1", async () => {
    expect((await check("d1-rsa2048.csr")).codes).toEqual(["KEY_RSA_2048_REFUSED"]);
    expect((await check("d1-ec384.csr")).codes).toEqual(["KEY_NOT_ALLOWED"]);
    expect((await check("d1-ec-sha1.csr")).codes).toEqual(["SIGNATURE_HASH_WEAK"]);
  });

  it("checks the CN against key type, identifier and environment, with a copyable -subj", async () => {
    const wrongKey = await check("d1-ec-wrong-cn.csr");
    expect(wrongKey.verdict).toBe("rejected");
    expect(wrongKey.codes).toEqual(["CN_KEY_TYPE_MISMATCH"]);
    // The hint says what in words; the report's one command carries the -subj, keeping the user's DN parts.
    expect(wrongKey.findings[0]!.hint).toContain("CN=TLSMA-ECDSA/ISS123/D1.PPR");
    expect(wrongKey.findings[0]!.hint).not.toContain("-subj");
    expect(wrongKey.fix!.command).toBe(
      "openssl req -new -key <your-private-key.pem> -sha256 -out request.csr \\\n" +
        '  -subj "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Payments/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR"',
    );
    expect((await check("d1-ec.csr", { identifier: "OTHER" })).codes).toEqual(["CN_IDENTIFIER_MISMATCH"]);
    expect((await check("d1-ec.csr", { environment: "PRD" })).codes).toEqual(["CN_ENVIRONMENT_MISMATCH"]);
    expect((await check("ecom-ec.csr", { program: "d1-ecom", identifier: "MGW42", environment: "PRD" })).verdict).toBe(
      "accepted",
    );
  });

  it("warns when C, ST, L, O or OU are missing", async () => {
    const r = await check("d1-ec-cn-only.csr");
    expect(r.verdict).toBe("accepted");
    expect(r.codes).toEqual(["DN_ATTRIBUTE_MISSING"]);
    expect(r.findings[0]!.hint).toContain("C, ST, L, O, OU");
    expect(r.fix!.command).toContain(
      '-subj "/C=<country, 2 letters>/ST=<state>/L=<locality>/O=<organization>/OU=<organization unit>/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR"',
    );
    expect(r.fix!.notes).toContain("Replace every <…> in -subj with your organization's values.");
  });

  it("rejects the wrong kind of object and programs that do not use it", async () => {
    expect((await check("leaf.pem")).codes).toContain("WRONG_OBJECT_KIND");
    expect((await check("d1-ec.csr", { program: "tsh" })).codes).toContain("ASSET_NOT_FOR_PROGRAM");
    expect((await check("d1-ec.csr", { asset: "server-chain" })).codes).toContain("WRONG_OBJECT_KIND");
  });

  it("exports the rules and CN helpers", () => {
    expect(expectedD1Cn({ program: "d1", identifier: "42", environment: "PRD", keyType: "ec" })).toBe(
      "TLSMA-ECDSA/42/D1.PRD",
    );
    expect(subjWithCn([[{ type: "O", oid: "2.5.4.10", value: "A/B" }]], "TLSMA-RSA/1/D1.PPR")).toBe(
      "/O=A\\/B/CN=TLSMA-RSA\\/1\\/D1.PPR",
    );
    expect(programRules("tsh").clientCertificateValidity).toEqual({ maxYears: 2 });
    expect(programRules("d1-ecom").identifierName).toBe("merchantGatewayId");
  });
});

describe("TSH client certificate rules", () => {
  const tsh = (name: string, o: Partial<CheckAssetOptions> = {}) =>
    check(name, { program: "tsh", asset: "client-certificate", expectedCn: "TSH-CUST42-PPR", ...o });

  it("accepts self-signed P-256, P-384 and (with a note) RSA 2048", async () => {
    expect((await tsh("tsh-ec.crt")).verdict).toBe("accepted");
    expect((await tsh("tsh-ec384.crt")).verdict).toBe("accepted");
    const rsa = await tsh("tsh-rsa2048.crt");
    expect(rsa.verdict).toBe("accepted");
    expect(rsa.codes).toContain("KEY_EC_PREFERRED");
  });

  it("enforces 2 years, SHA-256, the expected CN and self-signing", async () => {
    expect((await tsh("tsh-3y.crt")).codes).toContain("VALIDITY_TOO_LONG");
    expect((await tsh("tsh-sha1.crt")).codes).toContain("SIGNATURE_HASH_WEAK");
    const cn = await tsh("tsh-ec.crt", { expectedCn: "TSH-CUST42-PRD" });
    expect(cn.codes).toContain("CN_MISMATCH");
    expect(cn.findings.find((f) => f.code === "CN_MISMATCH")!.hint).toContain("CN=TSH-CUST42-PRD");
    // One self-signed command that keeps O, sets the CN and is no CA (openssl req -x509 alone would say CA:TRUE).
    expect(cn.fix!.command).toContain('-subj "/O=Acme Bank/CN=TSH-CUST42-PRD"');
    expect(cn.fix!.command).toContain('-addext "basicConstraints=critical,CA:FALSE"');
    expect(cn.fix!.command).toContain('-addext "extendedKeyUsage=clientAuth"');
    expect(cn.fix!.command).toContain("-days 730");
    expect((await tsh("tsh-ec.crt", { expectedCn: undefined })).codes).toContain("EXPECTED_CN_UNKNOWN");
    expect((await tsh("leaf.pem", { expectedCn: "api.customer.example" })).codes).toContain(
      "CLIENT_CERT_NOT_SELF_SIGNED",
    );
    expect((await tsh("d1-ec.csr")).codes).toContain("WRONG_OBJECT_KIND");
  });

  it("checks validity at now, bounds inclusive", async () => {
    const r = await tsh("tsh-ec.crt");
    const s = r.certificates[0]!;
    expect((await tsh("tsh-ec.crt", { now: new Date(s.notBefore) })).verdict).toBe("accepted");
    expect((await tsh("tsh-ec.crt", { now: new Date(s.notAfter) })).codes).toContain("CERTIFICATE_EXPIRES_SOON");
    expect((await tsh("tsh-ec.crt", { now: new Date(Date.parse(s.notAfter) + 1000) })).codes).toContain(
      "CERTIFICATE_EXPIRED",
    );
    expect((await tsh("tsh-ec.crt", { now: new Date(Date.parse(s.notBefore) - 1000) })).codes).toContain(
      "CERTIFICATE_NOT_YET_VALID",
    );
  });
});
