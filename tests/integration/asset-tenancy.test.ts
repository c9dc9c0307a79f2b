import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { withdrawVersion } from "@/lib/server/assets/withdraw-version";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { attachCertificate } from "@/lib/server/assets/attach-certificate";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { getVersion } from "@/lib/server/assets/get-version";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { listReviewQueue } from "@/lib/server/assets/list-review-queue";
import { getConnection } from "@/lib/server/connections/get-connection";
import { listConnections } from "@/lib/server/connections/list-connections";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { requestRevocation } from "@/lib/server/assets/revoke-certificate";
import { probeConnection } from "@/lib/server/probes/probe-connection";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

/**
 * Authorization is enforced in the services (STYLE.md §4-5): another organization's connection or version
 * answers NOT_FOUND, a role without the permission answers FORBIDDEN, and neither changes the database.
 */
describe.each(PROVIDERS)("tenant isolation and roles on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let a: Customer;
  let b: Customer;
  let delivery: Actor;
  let admin: Actor;
  let csrVersion: string;
  let approvedCsr: string;
  let publishedVersion: string;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    admin = await makeActor(database.db, "ADMIN");
    a = await makeCustomer(database.db, "d1", { admin });
    b = await makeCustomer(database.db, "d1", { admin });
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    const up = (connectionId: string, environment: "PPR" | "PRD") =>
      uploadAsset({
        db: database.db,
        actor: a.customer,
        connectionId,
        kind: "CUSTOMER_CSR",
        content: { file: pki.d1Csr({ identifier: a.identifier, environment }) },
        confirmWarnings: false,
      });
    const submitted = await up(a.prd, "PRD");
    const approved = await up(a.ppr, "PPR");
    if (submitted.status !== "stored" || approved.status !== "stored") throw new Error("setup upload failed");
    csrVersion = submitted.versionId;
    approvedCsr = approved.versionId;
    await approveVersion({ db: database.db, actor: delivery, versionId: approvedCsr });
    const published = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [a.ppr],
      content: { file: pki.caCertificate("thales-client") },
    });
    if (!published.ok) throw new Error(JSON.stringify(published.findings));
    publishedVersion = published.versionIds[0]!;
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  /** Runs the call, expects the code, and proves the database did not change. */
  async function refused(call: () => Promise<unknown>, code: "NOT_FOUND" | "FORBIDDEN" | "INVALID_INPUT") {
    const before = await dbState(database.db);
    await expectAppError(call(), code);
    expect(await dbState(database.db)).toEqual(before);
  }

  it("answers NOT_FOUND to a customer of another organization for A's connections", async () => {
    const db = database.db;
    const actor = b.customer;
    await refused(
      () =>
        uploadAsset({
          db,
          actor,
          connectionId: a.ppr,
          kind: "CUSTOMER_CSR",
          content: { file: pki.d1Csr({ identifier: a.identifier, environment: "PPR" }) },
          confirmWarnings: true,
        }),
      "NOT_FOUND",
    );
    await refused(
      () =>
        uploadAsset({
          db,
          actor,
          connectionId: a.ppr,
          kind: "ISSUER_HOST",
          content: { host: "api.b.example", port: 443 },
          confirmWarnings: true,
        }),
      "NOT_FOUND",
    );
    await refused(() => getConnection({ db, actor, connectionId: a.ppr }), "NOT_FOUND");
    await refused(() => exportTrustStore({ db, actor, connectionId: a.ppr }), "NOT_FOUND");
    await refused(() => exportTrustStore({ db, actor, connectionId: a.ppr, audience: "customer" }), "NOT_FOUND");
    const visible = await listConnections({ db, actor });
    expect(visible.map((c) => c.id).sort()).toEqual([b.ppr, b.prd].sort());
    expect(await listConnections({ db, actor, filter: { id: a.ppr } })).toEqual([]);
  });

  it("answers NOT_FOUND to a customer of another organization for A's versions", async () => {
    const db = database.db;
    const actor = b.customer;
    for (const versionId of [csrVersion, approvedCsr, publishedVersion]) {
      await refused(() => getVersion({ db, actor, versionId }), "NOT_FOUND");
      await refused(() => downloadVersion({ db, actor, versionId, format: "pem" }), "NOT_FOUND");
      await refused(() => withdrawVersion({ db, actor, versionId }), "NOT_FOUND");
      await refused(() => acknowledgeVersion({ db, actor, versionId }), "NOT_FOUND");
    }
    // An id that exists nowhere answers the same as one of another organization.
    await refused(() => getVersion({ db, actor, versionId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
  });

  it("lets A's own customer do the same things (the refusals above are about tenancy, not the calls)", async () => {
    const db = database.db;
    const actor = a.customer;
    expect((await getConnection({ db, actor, connectionId: a.ppr })).id).toBe(a.ppr);
    expect((await getVersion({ db, actor, versionId: csrVersion })).state).toBe("SUBMITTED");
    expect((await downloadVersion({ db, actor, versionId: csrVersion, format: "pem" })).body).toContain(
      "BEGIN CERTIFICATE REQUEST",
    );
    expect((await exportTrustStore({ db, actor, connectionId: a.ppr })).count).toBe(1);
  });

  it("refuses review, signing, attaching, publishing and the review queue to customers (FORBIDDEN), even on their own versions", async () => {
    const db = database.db;
    for (const actor of [a.customer, b.customer]) {
      await refused(() => approveVersion({ db, actor, versionId: csrVersion }), "FORBIDDEN");
      await refused(
        () => rejectVersion({ db, actor, versionId: csrVersion, reason: "I changed my mind" }),
        "FORBIDDEN",
      );
      await refused(() => issueCertificate({ db, actor, versionId: approvedCsr }), "FORBIDDEN");
      await refused(
        () => attachCertificate({ db, actor, versionId: approvedCsr, certificate: pki.caCertificate("x") }),
        "FORBIDDEN",
      );
      await refused(
        () =>
          publishAsset({
            db,
            actor,
            kind: "THALES_CLIENT_CA",
            connectionIds: [a.ppr],
            content: { file: pki.caCertificate("thales-client") },
          }),
        "FORBIDDEN",
      );
      await refused(() => listReviewQueue({ db, actor, filter: {} }), "FORBIDDEN");
      await refused(() => setExpectedCn({ db, actor, connectionId: a.ppr, expectedCn: "x" }), "FORBIDDEN");
    }
    // A customer cannot ask for the Thales backend's view of its own connection either.
    await refused(
      () => exportTrustStore({ db, actor: a.customer, connectionId: a.ppr, audience: "thales-backend" }),
      "NOT_FOUND",
    );
  });

  it("lets A's read-only user read and download, and refuses it every change (FORBIDDEN, nothing written)", async () => {
    const db = database.db;
    const actor = await makeActor(db, "CUSTOMER_READ_ONLY", a.organizationId);
    expect((await getConnection({ db, actor, connectionId: a.ppr })).id).toBe(a.ppr);
    expect((await downloadVersion({ db, actor, versionId: csrVersion, format: "pem" })).body).toContain(
      "BEGIN CERTIFICATE REQUEST",
    );
    expect((await exportTrustStore({ db, actor, connectionId: a.ppr })).count).toBe(1);
    await refused(
      () =>
        uploadAsset({
          db,
          actor,
          connectionId: a.ppr,
          kind: "ISSUER_HOST",
          content: { host: "api.a.example", port: 443 },
          confirmWarnings: true,
        }),
      "FORBIDDEN",
    );
    await refused(() => withdrawVersion({ db, actor, versionId: csrVersion }), "FORBIDDEN");
    await refused(() => acknowledgeVersion({ db, actor, versionId: publishedVersion }), "FORBIDDEN");
    await refused(
      () => requestRevocation({ db, actor, versionId: publishedVersion, reason: "keyCompromise" }),
      "FORBIDDEN",
    );
    await refused(() => probeConnection({ db, actor, connectionId: a.ppr }), "FORBIDDEN");
    // Another organization's objects stay out of reach: NOT_FOUND, as for any customer.
    await refused(() => getConnection({ db, actor, connectionId: b.ppr }), "NOT_FOUND");
  });

  it("refuses customer actions to Thales delivery and review to admins (FORBIDDEN)", async () => {
    const db = database.db;
    await refused(
      () =>
        uploadAsset({
          db,
          actor: delivery,
          connectionId: a.ppr,
          kind: "CUSTOMER_CSR",
          content: { file: pki.d1Csr({ identifier: a.identifier, environment: "PPR" }) },
          confirmWarnings: true,
        }),
      "FORBIDDEN",
    );
    await refused(() => withdrawVersion({ db, actor: delivery, versionId: csrVersion }), "FORBIDDEN");
    await refused(() => acknowledgeVersion({ db, actor: delivery, versionId: publishedVersion }), "FORBIDDEN");
    await refused(() => approveVersion({ db, actor: admin, versionId: csrVersion }), "FORBIDDEN");
    await refused(
      () => rejectVersion({ db, actor: admin, versionId: csrVersion, reason: "not mine to judge" }),
      "FORBIDDEN",
    );
    await refused(() => issueCertificate({ db, actor: admin, versionId: approvedCsr }), "FORBIDDEN");
    await refused(
      () =>
        uploadAsset({
          db,
          actor: admin,
          connectionId: a.ppr,
          kind: "ISSUER_HOST",
          content: { host: "api.a.example", port: 443 },
          confirmWarnings: true,
        }),
      "FORBIDDEN",
    );
    await refused(() => setExpectedCn({ db, actor: delivery, connectionId: a.ppr, expectedCn: "x" }), "FORBIDDEN");
  });

  it("lets Thales see every organization, and refuses acknowledging a customer version or approving a Thales one", async () => {
    const db = database.db;
    const all = await listConnections({ db, actor: delivery });
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([a.ppr, a.prd, b.ppr, b.prd]));
    await refused(() => acknowledgeVersion({ db, actor: a.customer, versionId: csrVersion }), "INVALID_INPUT");
    const other = await makeActor(db, "THALES_DELIVERY");
    const before = await dbState(db);
    await expectAppError(approveVersion({ db, actor: other, versionId: publishedVersion }), "CONFLICT");
    expect(await dbState(db)).toEqual(before);
  });
});
