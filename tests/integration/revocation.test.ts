import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { requestRevocation, revokeCertificate } from "@/lib/server/assets/revoke-certificate";
import { declineRevocation } from "@/lib/server/assets/decline-revocation";
import { getAsset } from "@/lib/server/assets/get-asset";
import { getVersion } from "@/lib/server/assets/get-version";
import { getCrl } from "@/lib/server/ca/certificate-revocation-list";
import { getSigningCaInfo } from "@/lib/server/ca/signing-ca";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { auditActions, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

/** Revocation through the services, the CRL they sign checked by openssl (crl -CAfile, verify -crl_check). */
describe.each(PROVIDERS)("revocation and CRL on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewer: Actor;
  let dir: string;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
    dir = mkdtempSync(path.join(tmpdir(), "crl-"));
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function issued(customer: Customer) {
    const csrPem = pki.d1Csr({ identifier: customer.identifier, environment: "PPR" });
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "CUSTOMER_CSR",
      content: { file: csrPem },
      confirmWarnings: false,
    });
    if (up.status !== "stored") throw new Error(`upload ${up.status}`);
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    const r = await issueCertificate({ db: database.db, actor: reviewer, versionId: up.versionId });
    const pem = await downloadVersion({
      db: database.db,
      actor: customer.customer,
      versionId: r.versionId,
      format: "pem",
    });
    return { ...r, pem: String(pem.body) };
  }
  const openssl = (args: string[]) => spawnSync("openssl", args, { encoding: "utf8" });
  const file = (name: string, body: string | Uint8Array) => {
    const p = path.join(dir, `${provider}-${name}`);
    writeFileSync(p, body);
    return p;
  };

  it("a customer requests, Thales confirms; the CRL lists the serial with its reason and openssl refuses only that certificate", async () => {
    const acme = await makeCustomer(database.db, "d1");
    const other = await makeCustomer(database.db, "d1");
    const revoked = await issued(acme);
    const kept = await issued(other);

    // Another organization's certificate is a 404, for a request and for a bad reason alike.
    await expectAppError(
      requestRevocation({
        db: database.db,
        actor: other.customer,
        versionId: revoked.versionId,
        reason: "keyCompromise",
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      requestRevocation({
        db: database.db,
        actor: acme.customer,
        versionId: revoked.versionId,
        reason: "cACompromise",
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      revokeCertificate({
        db: database.db,
        actor: acme.customer,
        versionId: revoked.versionId,
        reason: "keyCompromise",
      }),
      "FORBIDDEN",
    );

    const requested = await requestRevocation({
      db: database.db,
      actor: acme.customer,
      versionId: revoked.versionId,
      reason: "keyCompromise",
    });
    expect(requested.state).toBe("REVOCATION_REQUESTED");
    // Still in force until Thales confirms.
    await downloadVersion({ db: database.db, actor: acme.customer, versionId: revoked.versionId, format: "pem" });
    const done = await revokeCertificate({
      db: database.db,
      actor: reviewer,
      versionId: revoked.versionId,
      reason: undefined,
    });
    expect(done).toMatchObject({ state: "REVOKED", reason: "keyCompromise", serialNumber: revoked.serialNumber });
    await expectAppError(
      revokeCertificate({ db: database.db, actor: reviewer, versionId: revoked.versionId, reason: "superseded" }),
      "CONFLICT",
    );

    // Gone from downloads and from the asset's version in force.
    await expectAppError(
      downloadVersion({ db: database.db, actor: acme.customer, versionId: revoked.versionId, format: "p12" }),
      "CONFLICT",
    );
    const row = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: revoked.versionId },
      select: { asset: { select: { currentVersionId: true } } },
    });
    expect(row.asset.currentVersionId).toBeNull();
    expect(await auditActions(database.db, revoked.versionId)).toEqual(
      expect.arrayContaining(["asset.request_revocation", "asset.revoke"]),
    );
    expect(
      await database.db.outboxEvent.count({
        where: { type: "certificate.revoked", organizationId: acme.organizationId },
      }),
    ).toBe(1);
    expect(
      await database.db.outboxEvent.count({
        where: { type: "certificate.revocation_requested", organizationId: acme.organizationId },
      }),
    ).toBe(1);

    const name = done.crl.replace(/^\/crl\/|\.crl$/g, "");
    const crl = await getCrl({ db: database.db, name });
    expect(crl.crlNumber).toBe(done.crlNumber);
    await expectAppError(getCrl({ db: database.db, name: "portal-ca-0000000000000000" }), "NOT_FOUND");
    const caPem = file("ca.pem", (await getSigningCaInfo(database.db)).certificatePem);
    const crlDer = file("ca.crl", crl.der);
    const check = openssl(["crl", "-in", crlDer, "-inform", "DER", "-CAfile", caPem, "-noout", "-text"]);
    expect(check.status).toBe(0);
    expect(check.stderr + check.stdout).toContain("verify OK");
    expect(check.stdout).toContain(`Serial Number: ${revoked.serialNumber}`);
    expect(check.stdout).toContain("Key Compromise");
    expect(check.stdout).not.toContain(kept.serialNumber);
    const crlPem = file("ca.crl.pem", crl.pem);
    const bad = openssl([
      "verify",
      "-crl_check",
      "-CAfile",
      caPem,
      "-CRLfile",
      crlPem,
      file("revoked.pem", revoked.pem),
    ]);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain("certificate revoked");
    const good = openssl(["verify", "-crl_check", "-CAfile", caPem, "-CRLfile", crlPem, file("kept.pem", kept.pem)]);
    expect(good.stdout + good.stderr).toContain(": OK");

    // Served from the database until half its validity, then re-signed with the next number.
    expect((await getCrl({ db: database.db, name })).crlNumber).toBe(done.crlNumber);
    const later = await getCrl({ db: database.db, name, now: new Date(Date.now() + 4 * 86_400_000) });
    expect(later.crlNumber).toBe(done.crlNumber + 1);
    expect(later.nextUpdate.getTime()).toBeGreaterThan(crl.nextUpdate.getTime());
  });

  it("Thales revokes directly with a reason; a CSR or a foreign version cannot be revoked", async () => {
    const acme = await makeCustomer(database.db, "d1");
    const cert = await issued(acme);
    await expectAppError(
      revokeCertificate({ db: database.db, actor: reviewer, versionId: cert.versionId, reason: "nonsense" }),
      "INVALID_INPUT",
    );
    const csr = await database.db.assetVersion.findFirstOrThrow({
      where: { organizationId: acme.organizationId, state: "ISSUED" },
      select: { id: true },
    });
    await expectAppError(
      revokeCertificate({ db: database.db, actor: reviewer, versionId: csr.id, reason: "superseded" }),
      "INVALID_INPUT",
    );
    const done = await revokeCertificate({
      db: database.db,
      actor: reviewer,
      versionId: cert.versionId,
      reason: "cessationOfOperation",
    });
    expect(done.state).toBe("REVOKED");
    const crl = await getCrl({ db: database.db, name: done.crl.replace(/^\/crl\/|\.crl$/g, "") });
    const text = openssl(["crl", "-in", file("direct.crl", crl.der), "-inform", "DER", "-noout", "-text"]).stdout;
    expect(text).toContain(`Serial Number: ${cert.serialNumber}`);
    expect(text).toContain("Cessation Of Operation");
  });

  it("Thales declines a request with an explanation: still in force, off the pending list, never on the CRL; the customer may ask again", async () => {
    const acme = await makeCustomer(database.db, "d1");
    const cert = await issued(acme);
    const assetId = (
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: cert.versionId }, select: { assetId: true } })
    ).assetId;
    expect((await getAsset({ db: database.db, actor: acme.customer, assetId })).inForce).toEqual([
      { id: cert.versionId, notAfter: expect.any(Date), retireAt: null },
    ]);

    await requestRevocation({
      db: database.db,
      actor: acme.customer,
      versionId: cert.versionId,
      reason: "affiliationChanged",
    });
    const pending = await getVersion({ db: database.db, actor: reviewer, versionId: cert.versionId });
    expect(pending.revocation).toMatchObject({
      reason: "affiliationChanged",
      reasonLabel: "Affiliation changed",
      requestedBy: acme.customer.email,
      revokedAt: null,
      serialNumber: cert.serialNumber,
    });
    expect(pending.revocation?.crl).toMatch(/^\/crl\/portal-ca-[0-9a-f]{16}\.crl$/);
    // A revocation requested is still in force.
    expect((await getAsset({ db: database.db, actor: acme.customer, assetId })).inForce.map((v) => v.id)).toEqual([
      cert.versionId,
    ]);

    await expectAppError(
      declineRevocation({ db: database.db, actor: acme.customer, versionId: cert.versionId, explanation: "no" }),
      "FORBIDDEN",
    );
    await expectAppError(
      declineRevocation({ db: database.db, actor: reviewer, versionId: "no-such-version", explanation: "Not needed." }),
      "NOT_FOUND",
    );
    await expectAppError(
      declineRevocation({ db: database.db, actor: reviewer, versionId: cert.versionId, explanation: " " }),
      "INVALID_INPUT",
    );
    const crlBefore = await database.db.certificateRevocationList.findMany({ select: { crlNumber: true } });
    const declined = await declineRevocation({
      db: database.db,
      actor: reviewer,
      versionId: cert.versionId,
      explanation: "Your affiliation is unchanged for Thales: keep this certificate.",
    });
    expect(declined.state).toBe("ACKNOWLEDGED");
    await expectAppError(
      declineRevocation({ db: database.db, actor: reviewer, versionId: cert.versionId, explanation: "Again." }),
      "CONFLICT",
    );
    expect(await database.db.certificateRevocationList.findMany({ select: { crlNumber: true } })).toEqual(crlBefore);
    expect(await database.db.revocation.count({ where: { versionId: cert.versionId } })).toBe(0);
    await downloadVersion({ db: database.db, actor: acme.customer, versionId: cert.versionId, format: "pem" });
    const after = await getVersion({ db: database.db, actor: acme.customer, versionId: cert.versionId });
    expect(after.revocation).toBeUndefined();
    expect(after.declinedRevocation).toMatchObject({
      by: reviewer.email,
      explanation: "Your affiliation is unchanged for Thales: keep this certificate.",
    });
    expect(await auditActions(database.db, cert.versionId)).toEqual(
      expect.arrayContaining(["asset.request_revocation", "asset.decline_revocation"]),
    );
    expect(
      await database.db.outboxEvent.count({
        where: { type: "certificate.revocation_declined", organizationId: acme.organizationId },
      }),
    ).toBe(1);

    // Asked again, then confirmed: revoked, and no longer in force.
    await requestRevocation({
      db: database.db,
      actor: acme.customer,
      versionId: cert.versionId,
      reason: "keyCompromise",
    });
    const done = await revokeCertificate({
      db: database.db,
      actor: reviewer,
      versionId: cert.versionId,
      reason: undefined,
    });
    expect(done.reason).toBe("keyCompromise");
    expect((await getAsset({ db: database.db, actor: acme.customer, assetId })).inForce).toEqual([]);
    expect(
      (await getVersion({ db: database.db, actor: acme.customer, versionId: cert.versionId })).revocation,
    ).toMatchObject({ revokedBy: reviewer.email, requestedBy: acme.customer.email, reason: "keyCompromise" });
  });
});
