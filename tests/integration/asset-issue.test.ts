import { X509Certificate, createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueClientCertificate } from "@/lib/pki";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { attachCertificate } from "@/lib/server/assets/attach-certificate";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { getVersion } from "@/lib/server/assets/get-version";
import { listConnections } from "@/lib/server/connections/list-connections";
import { getSigningCaInfo, loadSigningCa } from "@/lib/server/ca/signing-ca";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { counts, dbState, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const pem = (body: Uint8Array | string) => (typeof body === "string" ? body : Buffer.from(body).toString("utf8"));

/** Signing an approved CSR with the portal CA, attaching one signed elsewhere, and the readiness board along the way. */
describe.each(PROVIDERS)("certificate issuing on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewer: Actor;
  let signer: Actor;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
    signer = await makeActor(database.db, "THALES_DELIVERY");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  async function approvedCsr(customer: Customer, environment: "PPR" | "PRD" = "PPR") {
    const csrPem = pki.d1Csr({ identifier: customer.identifier, environment });
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: environment === "PPR" ? customer.ppr : customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: csrPem },
      confirmWarnings: false,
    });
    if (up.status !== "stored") throw new Error(`upload ${up.status}`);
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    return { csrPem, versionId: up.versionId };
  }
  const item = async (actor: Actor, connectionId: string, kind: string) =>
    (await listConnections({ db: database.db, actor, filter: { id: connectionId } }))[0]!.readiness.items.find(
      (i) => i.kind === kind,
    )!;

  it("signs an approved CSR: the certificate carries the CSR's key, verifies with the CA, clientAuth, 5 years; readiness follows each step", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const csrPem = pki.d1Csr({ identifier: customer.identifier, environment: "PRD" });
    expect(await item(customer.customer, customer.prd, "CUSTOMER_CSR")).toMatchObject({
      done: false,
      waitingOn: "customer",
    });
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: csrPem },
      confirmWarnings: false,
    });
    if (up.status !== "stored") throw new Error(up.status);
    expect(await item(customer.customer, customer.prd, "CUSTOMER_CSR")).toMatchObject({
      done: false,
      waitingOn: "thales",
      state: "SUBMITTED",
    });
    await expectAppError(issueCertificate({ db: database.db, actor: signer, versionId: up.versionId }), "CONFLICT");
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    expect(await item(customer.customer, customer.prd, "CUSTOMER_CSR")).toMatchObject({
      done: false,
      waitingOn: "thales",
      state: "IN_REVIEW",
    });
    await approveVersion({ db: database.db, actor: signer, versionId: up.versionId });
    expect(await item(customer.customer, customer.prd, "CUSTOMER_CSR")).toMatchObject({
      done: false,
      waitingOn: "thales",
      state: "APPROVED",
    });
    expect(await item(customer.customer, customer.prd, "ISSUED_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: false,
      waitingOn: "thales",
    });

    const now = new Date();
    const result = await issueCertificate({ db: database.db, actor: signer, versionId: up.versionId, now });
    expect(result.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(await item(customer.customer, customer.prd, "CUSTOMER_CSR")).toMatchObject({ done: true, state: "ISSUED" });
    expect(await item(customer.customer, customer.prd, "ISSUED_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: false,
      waitingOn: "customer",
      state: "PUBLISHED",
    });

    const ca = await getSigningCaInfo(database.db);
    const caCert = new X509Certificate(ca.certificatePem);
    const chain = await downloadVersion({
      db: database.db,
      actor: customer.customer,
      versionId: result.versionId,
      format: "pem-chain",
    });
    expect(chain.filename).toBe(`client-certificate-${customer.identifier}-PRD-v1-chain.pem`);
    const blocks = pem(chain.body).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(blocks).toHaveLength(2);
    expect(new X509Certificate(blocks[1]!).fingerprint256).toBe(caCert.fingerprint256);
    const der = await downloadVersion({
      db: database.db,
      actor: customer.customer,
      versionId: result.versionId,
      format: "der",
    });
    const leaf = new X509Certificate(Buffer.from(der.body as Uint8Array));
    expect(leaf.fingerprint256).toBe(new X509Certificate(blocks[0]!).fingerprint256);
    const csrKey = createPublicKey(pki.csrPublicKeyPem(csrPem)).export({ type: "spki", format: "der" });
    expect(Buffer.from(leaf.publicKey.export({ type: "spki", format: "der" })).equals(Buffer.from(csrKey))).toBe(true);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.issuer).toBe(caCert.subject);
    expect(leaf.subject).toContain(`CN=TLSMA-ECDSA/${customer.identifier}/D1.PRD`);
    expect(leaf.keyUsage).toEqual([CLIENT_AUTH]);
    expect(leaf.ca).toBe(false);
    expect(leaf.serialNumber.replace(/^0+/, "")).toBe(result.serialNumber.replace(/^0+/, ""));
    const notBefore = new Date(leaf.validFrom);
    const notAfter = new Date(leaf.validTo);
    expect(Math.abs(notBefore.getTime() - now.getTime())).toBeLessThan(2000);
    const fiveYears = new Date(notBefore);
    fiveYears.setUTCFullYear(fiveYears.getUTCFullYear() + 5);
    expect(notAfter.getTime()).toBe(fiveYears.getTime());

    const detail = await getVersion({ db: database.db, actor: customer.customer, versionId: result.versionId });
    expect(detail).toMatchObject({ state: "PUBLISHED", issuedFrom: up.versionId, current: true });
    expect(detail.notAfter?.getTime()).toBe(notAfter.getTime());
    expect(
      await database.db.auditEvent.count({ where: { targetId: result.versionId, action: "asset.downloaded" } }),
    ).toBe(2);

    await acknowledgeVersion({ db: database.db, actor: customer.customer, versionId: result.versionId });
    expect(await item(customer.customer, customer.prd, "ISSUED_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: true,
      state: "ACKNOWLEDGED",
    });
    await expectAppError(issueCertificate({ db: database.db, actor: signer, versionId: up.versionId }), "CONFLICT");
  });

  it("renews: a newly approved CSR supersedes the issued one, and its certificate overlaps the old one until it expires", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const first = await approvedCsr(customer);
    const firstCert = await issueCertificate({ db: database.db, actor: signer, versionId: first.versionId });
    await acknowledgeVersion({ db: database.db, actor: customer.customer, versionId: firstCert.versionId });
    const second = await approvedCsr(customer);
    expect(
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: first.versionId }, select: { state: true } }),
    ).toEqual({ state: "SUPERSEDED" });
    const secondCert = await issueCertificate({ db: database.db, actor: signer, versionId: second.versionId });
    const certs = await database.db.assetVersion.findMany({
      where: { asset: { connectionId: customer.ppr, kind: "ISSUED_TLS_CLIENT_CERTIFICATE" } },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, state: true, issuedFromVersionId: true },
    });
    expect(certs).toEqual([
      { id: firstCert.versionId, seq: 1, state: "RETIRING", issuedFromVersionId: first.versionId },
      { id: secondCert.versionId, seq: 2, state: "PUBLISHED", issuedFromVersionId: second.versionId },
    ]);
    const leafOnly = await downloadVersion({
      db: database.db,
      actor: customer.customer,
      versionId: secondCert.versionId,
      format: "pem",
    });
    expect(pem(leafOnly.body).match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(await item(customer.customer, customer.ppr, "ISSUED_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      state: "PUBLISHED",
      waitingOn: "customer",
    });
  });

  it("downloads a CSR only as pem or der", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const { versionId, csrPem } = await approvedCsr(customer);
    const file = await downloadVersion({ db: database.db, actor: customer.customer, versionId, format: "pem" });
    expect(file).toMatchObject({
      filename: `client-csr-${customer.identifier}-PPR-v1.csr`,
      contentType: "application/pkcs10",
    });
    expect(pem(file.body).replace(/\s/g, "")).toBe(csrPem.replace(/\s/g, ""));
    await expectAppError(
      downloadVersion({ db: database.db, actor: customer.customer, versionId, format: "pem-chain" }),
      "INVALID_INPUT",
    );
  });

  it("refuses to attach a certificate signed by another CA, with findings, and stores nothing", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const { csrPem, versionId } = await approvedCsr(customer);
    const foreign = pki.signedByForeignCa(csrPem);
    const before = await dbState(database.db);
    const result = await attachCertificate({
      db: database.db,
      actor: signer,
      versionId,
      certificate: foreign.certificatePem + foreign.caPem,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["CERTIFICATE_ISSUER_MISMATCH", "CERTIFICATE_SIGNATURE_INVALID"]),
    );
    expect(result.findings.map((f) => f.code)).not.toContain("CERTIFICATE_KEY_MISMATCH");
    expect(await dbState(database.db)).toEqual(before);
  });

  it("refuses to attach a portal-signed certificate issued for another key (CERTIFICATE_KEY_MISMATCH)", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const { versionId } = await approvedCsr(customer);
    const { ca } = await loadSigningCa(database.db);
    const otherCsr = pki.d1Csr({ identifier: customer.identifier, environment: "PPR" });
    const issued = issueClientCertificate({ csrPem: otherCsr, ca, program: "d1", now: new Date() });
    if (!issued.ok) throw new Error("issue failed");
    const before = await counts(database.db);
    const result = await attachCertificate({
      db: database.db,
      actor: signer,
      versionId,
      certificate: issued.certificatePem,
    });
    expect(result).toMatchObject({
      ok: false,
      findings: expect.arrayContaining([
        expect.objectContaining({ code: "CERTIFICATE_KEY_MISMATCH", severity: "error" }),
      ]),
    });
    expect(await counts(database.db)).toEqual(before);
  });

  it("attaches a matching certificate signed by the portal CA, as the customer's issued certificate", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const { csrPem, versionId } = await approvedCsr(customer);
    const { ca, info } = await loadSigningCa(database.db);
    const issued = issueClientCertificate({ csrPem, ca, program: "d1", now: new Date() });
    if (!issued.ok) throw new Error("issue failed");
    const result = await attachCertificate({
      db: database.db,
      actor: signer,
      versionId,
      certificate: issued.certificatePem,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: versionId }, select: { state: true } }),
    ).toEqual({ state: "ISSUED" });
    const row = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: result.versionId },
      include: { asset: true },
    });
    expect(row).toMatchObject({
      state: "PUBLISHED",
      issuedFromVersionId: versionId,
      asset: { kind: "ISSUED_TLS_CLIENT_CERTIFICATE", currentVersionId: result.versionId },
    });
    const stored = row.normalizedPem!.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(new X509Certificate(stored[0]!).serialNumber.replace(/^0+/, "")).toBe(
      issued.serialNumber.replace(/^0+/, ""),
    );
    expect(new X509Certificate(stored[1]!).fingerprint256).toBe(
      new X509Certificate(info.certificatePem).fingerprint256,
    );
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: versionId, action: "asset.issue" },
    });
    expect(JSON.parse(audit.details!)).toMatchObject({ how: "attached" });
    // Attached once: the CSR is no longer APPROVED.
    await expectAppError(
      attachCertificate({ db: database.db, actor: signer, versionId, certificate: issued.certificatePem }),
      "CONFLICT",
    );
  });

  it("signs only CSRs, and never for TSH", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const host = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "ISSUER_HOST",
      content: { host: "api.acme.example", port: 443 },
      confirmWarnings: false,
    });
    if (host.status !== "stored") throw new Error(host.status);
    await approveVersion({ db: database.db, actor: reviewer, versionId: host.versionId });
    const before = await dbState(database.db);
    await expectAppError(
      issueCertificate({ db: database.db, actor: signer, versionId: host.versionId }),
      "INVALID_INPUT",
    );
    await expectAppError(
      attachCertificate({ db: database.db, actor: signer, versionId: host.versionId, certificate: "x" }),
      "INVALID_INPUT",
    );
    expect(await dbState(database.db)).toEqual(before);
  });
});
