import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { retireVersions } from "@/lib/server/assets/retire-versions";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { declareCaChange } from "@/lib/server/ca-changes/declare-ca-change";
import { listCaChanges } from "@/lib/server/ca-changes/list-ca-changes";
import { caChangeConfig } from "@/lib/server/ca-changes/ca-change-config";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { counts, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

const DAY = 86_400_000;
const CONFIG = { noticeDays: 7, graceDays: 7 };
const text = (body: Uint8Array | string) => (typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
const fp = (pem: string) => new X509Certificate(pem).fingerprint256;

/** Issue 12 item 3: a customer's server CA change notice, its review, the backend trust store and the retire job. */
describe.each(PROVIDERS)("customer CA change notice on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewer: Actor;
  let customer: Customer;
  let other: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
    customer = await makeCustomer(database.db, "d1");
    other = await makeCustomer(database.db, "d1");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  const backendAnchors = async () => {
    const file = await exportTrustStore({
      db: database.db,
      actor: reviewer,
      connectionId: customer.ppr,
      audience: "thales-backend",
    });
    return [...text(file.body).matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)]
      .map((m) => fp(m[0]))
      .sort();
  };
  const state = async (id: string) =>
    (await database.db.assetVersion.findUniqueOrThrow({ where: { id }, select: { state: true } })).state;

  it("reads its notice and grace periods from the environment, 7 days each by default", () => {
    expect(caChangeConfig({})).toEqual({ noticeDays: 7, graceDays: 7 });
    expect(caChangeConfig({ PORTAL_CA_CHANGE_NOTICE_DAYS: "14", PORTAL_CA_CHANGE_GRACE_DAYS: "3" })).toEqual({
      noticeDays: 14,
      graceDays: 3,
    });
    expect(caChangeConfig({ PORTAL_CA_CHANGE_NOTICE_DAYS: "soon", PORTAL_CA_CHANGE_GRACE_DAYS: "-1" })).toEqual(CONFIG);
  });

  it("keeps old and new server CAs in the backend trust store from approval until the date plus the grace period", async () => {
    // The chain in force today.
    const old = pki.serverChain("ca-change-old");
    const first = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      content: { file: old.chainPem },
      confirmWarnings: true,
    });
    if (first.status !== "stored") throw new Error(first.status);
    await approveVersion({ db: database.db, actor: reviewer, versionId: first.versionId });
    const oldAnchors = [old.rootPem, old.intermediatePem].map(fp).sort();
    expect(await backendAnchors()).toEqual(oldAnchors);

    const next = pki.serverChain("ca-change-new");
    const now = new Date();
    const changeAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 10 * DAY);
    const files = {
      CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN: { file: next.chainPem, filename: "new-chain.pem" },
      CUSTOMER_TRUST_STORE: { file: next.rootPem },
    };
    const declare = (over: Partial<Parameters<typeof declareCaChange>[0]> = {}) =>
      declareCaChange({
        db: database.db,
        actor: customer.customer,
        connectionId: customer.ppr,
        changeAt,
        files,
        confirmWarnings: true,
        config: CONFIG,
        now,
        ...over,
      });

    // Refusals store nothing: a date inside the notice, no chain, a bad file, a Thales user, another organization.
    const before = await counts(database.db);
    const tooEarly = new Date(now.getTime() + 6 * DAY);
    await expect(declare({ changeAt: tooEarly })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      userMessage: expect.stringMatching(/^A CA change is announced at least 7 days ahead: choose \d{4}-\d\d-\d\d/),
    });
    await expectAppError(declare({ files: { CUSTOMER_TRUST_STORE: { file: next.rootPem } } }), "INVALID_INPUT");
    const bad = await declare({ files: { ...files, CUSTOMER_TRUST_STORE: { file: "not a certificate" } } });
    expect(bad.status).toBe("rejected");
    await expectAppError(declare({ actor: reviewer }), "FORBIDDEN");
    await expectAppError(declare({ actor: other.customer }), "NOT_FOUND");
    expect(await counts(database.db)).toEqual(before);
    expect(await database.db.caChange.count()).toBe(0);

    const declared = await declare();
    if (declared.status !== "stored") throw new Error(JSON.stringify(declared));
    const retireAt = new Date(changeAt.getTime() + 7 * DAY);
    expect(declared.retireAt).toEqual(retireAt);
    expect(declared.versions.map((v) => v.kind)).toEqual([
      "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      "CUSTOMER_TRUST_STORE",
    ]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "ca-change.declared", targetId: declared.caChangeId },
    });
    expect(JSON.parse(audit.details!)).toMatchObject({ changeAt: changeAt.toISOString() });
    const notice = await database.db.outboxEvent.findFirstOrThrow({ where: { type: "ca_change.declared" } });
    expect(JSON.parse(notice.payload)).toMatchObject({
      identifier: customer.identifier,
      changeAt: changeAt.toISOString(),
      cutOver: retireAt.toISOString(),
    });
    // Thales and both sides' inboxes hear of it (the event reaches users of both sides).
    expect(
      (await database.db.notification.findMany({ where: { eventId: notice.id }, select: { userId: true } })).map(
        (n) => n.userId,
      ),
    ).toEqual(expect.arrayContaining([customer.customer.id, reviewer.id]));

    // Thales lists every organization's; a customer only its own.
    const listed = await listCaChanges({ db: database.db, actor: reviewer });
    expect(listed.map((c) => [c.identifier, c.status, c.changeAt, c.retireAt])).toEqual([
      [customer.identifier, "in-review", changeAt, retireAt],
    ]);
    expect((await listCaChanges({ db: database.db, actor: customer.customer })).map((c) => c.id)).toEqual([
      declared.caChangeId,
    ]);
    expect(await listCaChanges({ db: database.db, actor: other.customer })).toEqual([]);

    // Under review nothing changes in the export; approved, it holds old and new.
    expect(await backendAnchors()).toEqual(oldAnchors);
    for (const v of declared.versions)
      await approveVersion({ db: database.db, actor: reviewer, versionId: v.versionId });
    expect(await state(first.versionId)).toBe("RETIRING");
    expect((await listCaChanges({ db: database.db, actor: reviewer }))[0]!.status).toBe("overlap");
    const newAnchors = [next.rootPem, next.intermediatePem].map(fp).sort();
    expect(await backendAnchors()).toEqual([...oldAnchors, ...newAnchors].sort());

    // The retire-versions job: past the change date but inside the grace period nothing moves; after it, the old
    // chain leaves and the list no longer shows the change.
    await retireVersions({ db: database.db, now: new Date(changeAt.getTime() + DAY) });
    expect(await backendAnchors()).toEqual([...oldAnchors, ...newAnchors].sort());
    expect(await retireVersions({ db: database.db, now: new Date(retireAt.getTime() + 60_000) })).toMatchObject({
      retired: 1,
    });
    expect(await state(first.versionId)).toBe("SUPERSEDED");
    expect(await backendAnchors()).toEqual(newAnchors);
    expect(
      await listCaChanges({ db: database.db, actor: reviewer, now: new Date(retireAt.getTime() + 60_000) }),
    ).toEqual([]);
  });
});
