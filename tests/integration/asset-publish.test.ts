import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { listConnections } from "@/lib/server/connections/list-connections";
import { retireVersions } from "@/lib/server/assets/retire-versions";
import { PUBLICATION_OVERLAP_DAYS } from "@/lib/assets/rotation";
import { watchExpiry } from "@/lib/server/notifications/watch-expiry";
import { newId } from "@/lib/server/ids";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

const fingerprints = (pemText: string) =>
  (pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (b) => new X509Certificate(b).fingerprint256,
  );
const fp = (pemText: string) => fingerprints(pemText)[0]!;

/** Thales publishes to many connections, customers acknowledge, and both sides export what they must trust. */
describe.each(PROVIDERS)("publishing and trust stores on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let delivery: Actor;
  let reviewer: Actor;
  let a: Customer;
  let b: Customer;
  let tsh: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
    a = await makeCustomer(database.db, "d1");
    b = await makeCustomer(database.db, "d1-ecom");
    tsh = await makeCustomer(database.db, "tsh");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });
  /** Publishes; a Production request is approved by the second delivery user (tests/integration/separation-of-duties covers refusals). */
  const publish = async (kind: Parameters<typeof publishAsset>[0]["kind"], connectionIds: string[], file: string) => {
    const result = await publishAsset({
      db: database.db,
      actor: delivery,
      kind,
      connectionIds,
      content: { file, filename: "ca.pem" },
    });
    if (!result.ok || result.state === "PUBLISHED") return result;
    const decided = await decidePublication({
      db: database.db,
      actor: reviewer,
      requestId: result.requestId,
      decision: "APPROVE",
    });
    return { ...result, state: decided.state, versionIds: decided.versionIds };
  };
  const current = async (connectionId: string, kind: string) =>
    (
      await database.db.asset.findUniqueOrThrow({
        where: { connectionId_kind: { connectionId, kind } },
        select: { currentVersionId: true },
      })
    ).currentVersionId;

  it("publishes a CA to connections of two organizations in one environment, each its own PUBLISHED version", async () => {
    const result = await publish("THALES_CLIENT_CA", [a.ppr, b.ppr, a.ppr], pki.caCertificate("thales-client-ca"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.versionIds).toHaveLength(2);
    const rows = await database.db.assetVersion.findMany({
      where: { id: { in: result.versionIds } },
      select: { id: true, state: true, organizationId: true, seq: true, uploadedById: true },
    });
    expect(rows.map((r) => r.organizationId).sort()).toEqual([a.organizationId, b.organizationId].sort());
    expect(rows.every((r) => r.state === "PUBLISHED" && r.seq === 1 && r.uploadedById === delivery.id)).toBe(true);
    expect(await current(a.ppr, "THALES_CLIENT_CA")).toBe(result.versionIds[0]);
    expect(
      await database.db.auditEvent.count({ where: { action: "asset.published", targetId: { in: result.versionIds } } }),
    ).toBe(2);
    const board = (await listConnections({ db: database.db, actor: b.customer, filter: { id: b.ppr } }))[0]!;
    expect(board.readiness.items.find((i) => i.kind === "THALES_CLIENT_CA")).toMatchObject({
      done: false,
      waitingOn: "customer",
      state: "PUBLISHED",
    });
  });

  it("refuses mixing environments or programs, customer kinds and empty targets, and changes nothing", async () => {
    const before = await dbState(database.db);
    const ca = pki.caCertificate("thales-client-ca");
    await expectAppError(publish("THALES_CLIENT_CA", [a.ppr, a.prd], ca), "INVALID_INPUT");
    await expectAppError(publish("THALES_CLIENT_CA", [a.ppr, b.prd], ca), "INVALID_INPUT");
    await expectAppError(publish("THALES_CLIENT_CA", [a.ppr, tsh.ppr], ca), "INVALID_INPUT");
    await expectAppError(publish("CUSTOMER_TRUST_STORE", [a.ppr], ca), "INVALID_INPUT");
    await expectAppError(publish("ISSUED_TLS_CLIENT_CERTIFICATE", [a.ppr], ca), "INVALID_INPUT");
    await expectAppError(publish("THALES_CLIENT_CA", [], ca), "INVALID_INPUT");
    await expectAppError(publish("D1_INBOUND_HOST", [a.ppr], ca), "INVALID_INPUT");
    await expectAppError(publish("THALES_CLIENT_CA", [a.ppr, "00000000-0000-4000-8000-000000000000"], ca), "NOT_FOUND");
    const bad = await publish("THALES_CLIENT_CA", [a.ppr], "not a certificate");
    expect(bad.ok).toBe(false);
    expect(await dbState(database.db)).toEqual(before);
  });

  it("keeps the version in force beside a republished CA until the default cut-over, also after the customer acknowledged it", async () => {
    const first = await publish("D1_SERVER_CA_BUNDLE", [a.prd], pki.caCertificate("amazon-like-root-1"));
    if (!first.ok) throw new Error("publish failed");
    expect(await acknowledgeVersion({ db: database.db, actor: a.customer, versionId: first.versionIds[0]! })).toEqual({
      state: "ACKNOWLEDGED",
    });
    await expectAppError(
      acknowledgeVersion({ db: database.db, actor: a.customer, versionId: first.versionIds[0]! }),
      "CONFLICT",
    );
    const board = (await listConnections({ db: database.db, actor: a.customer, filter: { id: a.prd } }))[0]!;
    expect(board.readiness.items.find((i) => i.kind === "D1_SERVER_CA_BUNDLE")).toMatchObject({
      done: true,
      state: "ACKNOWLEDGED",
    });
    const second = await publish(
      "D1_SERVER_CA_BUNDLE",
      [a.prd],
      pki.caCertificate("amazon-like-root-1") + pki.caCertificate("amazon-like-root-2"),
    );
    if (!second.ok) throw new Error("publish failed");
    const versions = await database.db.assetVersion.findMany({
      where: { asset: { connectionId: a.prd, kind: "D1_SERVER_CA_BUNDLE" } },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, state: true },
    });
    // A Thales CA is never dropped at once (issue 12): the old one is RETIRING until the default cut-over.
    expect(versions).toEqual([
      { id: first.versionIds[0], seq: 1, state: "RETIRING" },
      { id: second.versionIds[0], seq: 2, state: "PUBLISHED" },
    ]);
    expect(await current(a.prd, "D1_SERVER_CA_BUNDLE")).toBe(second.versionIds[0]);
    const old = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: first.versionIds[0] },
      select: { retireAt: true, notAfter: true },
    });
    const thirtyDays = Date.now() + PUBLICATION_OVERLAP_DAYS * 86_400_000;
    const expected = Math.min(thirtyDays, old.notAfter!.getTime());
    expect(Math.abs(old.retireAt!.getTime() - expected)).toBeLessThan(60_000);
    expect(
      await database.db.auditEvent.count({ where: { targetId: first.versionIds[0], action: "asset.overlap" } }),
    ).toBe(1);
    const file = await downloadVersion({
      db: database.db,
      actor: a.customer,
      versionId: second.versionIds[0]!,
      format: "pem",
    });
    expect(fingerprints(String(file.body))).toHaveLength(2);
  });

  it("a Thales client CA published with a cut-over: the customer's export holds old and new until then, the new alone after the retire job", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const exportNow = async () =>
      fingerprints(
        (await exportTrustStore({ db: database.db, actor: customer.customer, connectionId: customer.prd })).body,
      ).sort();
    // A new connection starts with the Thales CAs in force for its program (earlier tests published some: issue 15);
    // publishing keeps them beside the new one for the default 30-day overlap, past every date this test reaches.
    const inherited = await exportNow();
    const withInherited = (...fps: string[]) => [...new Set([...inherited, ...fps])].sort();
    const g1 = pki.caCertificate("thales-client-ca-g1");
    const g2 = pki.caCertificate("thales-client-ca-g2");
    const now = new Date();
    const cutOverAt = new Date(now.getTime() + 10 * 86_400_000);
    const first = await publish("THALES_CLIENT_CA", [customer.prd], g1);
    if (!first.ok) throw new Error("publish failed");
    // Production: the cut-over travels with the request and applies when the second person approves.
    const requested = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [customer.prd],
      content: { file: g2, filename: "g2.pem" },
      cutOverAt,
    });
    if (!requested.ok || requested.state !== "PENDING") throw new Error("expected a pending request");
    expect(await exportNow()).toEqual(withInherited(fp(g1)));
    await decidePublication({ db: database.db, actor: reviewer, requestId: requested.requestId, decision: "APPROVE" });
    expect(await exportNow()).toEqual(withInherited(fp(g1), fp(g2)));
    const board = (
      await listConnections({ db: database.db, actor: customer.customer, filter: { id: customer.prd } })
    )[0]!;
    expect(board.rotationUntil?.getTime()).toBe(cutOverAt.getTime());
    // The day before, the retire job leaves it; at the cut-over, it retires it.
    expect((await retireVersions({ db: database.db, now: new Date(cutOverAt.getTime() - 86_400_000) })).retired).toBe(
      0,
    );
    expect(await exportNow()).toEqual(withInherited(fp(g1), fp(g2)));
    await retireVersions({ db: database.db, now: cutOverAt });
    expect(await exportNow()).toEqual(withInherited(fp(g2)));
    expect(await exportNow()).not.toContain(fp(g1));
    expect(
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: first.versionIds[0] }, select: { state: true } }),
    ).toEqual({ state: "SUPERSEDED" });
  });

  it("a Thales CA kept beside its successor until the cut-over (RETIRING) gets no expiry notice; the new one does", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const old = await publish("THALES_CLIENT_CA", [customer.ppr], pki.caCertificate("thales-client-ca-expiring-old"));
    const next = await publish("THALES_CLIENT_CA", [customer.ppr], pki.caCertificate("thales-client-ca-expiring-new"));
    if (!old.ok || !next.ok) throw new Error("publish failed");
    const oldId = old.versionIds[0]!;
    const newIdOf = next.versionIds[0]!;
    const { notAfter, state } = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: oldId },
      select: { notAfter: true, state: true },
    });
    expect(state).toBe("RETIRING");
    // Both CAs are valid for the same years: 20 days before the old one expires, both are inside the 30-day notice.
    const now = new Date(notAfter!.getTime() - 20 * 86_400_000);
    await watchExpiry({
      db: database.db,
      now,
      owner: newId(),
      config: { mailFrom: "portal@example.test", publicUrl: "https://portal.example.test", outboundAllow: [] },
    });
    const notices = async (versionId: string) =>
      database.db.outboxEvent.count({
        where: { type: "certificate.expiring", dedupeKey: { startsWith: `expiry:${versionId}:` } },
      });
    expect(await notices(oldId)).toBe(0);
    expect(await notices(newIdOf)).toBe(1);
  });

  it("refuses a cut-over in the past or on a host, and stores nothing", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const before = await database.db.publicationRequest.count();
    await expectAppError(
      publishAsset({
        db: database.db,
        actor: delivery,
        kind: "THALES_CLIENT_CA",
        connectionIds: [customer.ppr],
        content: { file: pki.caCertificate("thales-client-ca-g1") },
        cutOverAt: new Date(Date.now() - 86_400_000),
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      publishAsset({
        db: database.db,
        actor: delivery,
        kind: "D1_INBOUND_HOST",
        connectionIds: [customer.ppr],
        content: { host: "api.d1.example.com", basePath: "/v1" },
        cutOverAt: new Date(Date.now() + 86_400_000),
      }),
      "INVALID_INPUT",
    );
    expect(await database.db.publicationRequest.count()).toBe(before);
  });

  it("exports for the customer exactly the Thales CAs in force, deduplicated, with comment headers", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const clientCa = pki.caCertificate("thales-client-ca");
    const amazon1 = pki.caCertificate("amazon-like-root-1");
    const amazon2 = pki.caCertificate("amazon-like-root-2");
    // A new connection starts with the Thales CAs in force for d1 PreProd (earlier tests published some there:
    // tests/integration/thales-assets-new-identifier.test.ts); publishing below renews them kind by kind, with overlap.
    const inherited = await exportTrustStore({ db: database.db, actor: customer.customer, connectionId: customer.ppr });
    expect(fingerprints(inherited.body)).toHaveLength(inherited.count);
    for (const [kind, file] of [
      ["THALES_CLIENT_CA", clientCa],
      ["D1_SERVER_CA_BUNDLE", amazon1 + amazon2 + clientCa],
    ] as const) {
      const r = await publish(kind, [customer.ppr], file);
      expect(r.ok).toBe(true);
    }
    // A customer-side server chain (leaf included) on the same connection is not the customer's to trust.
    const chain = pki.serverChain("acme");
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      content: { file: chain.chainPem },
      confirmWarnings: true,
    });
    if (up.status !== "stored") throw new Error(up.status);
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    const exported = await exportTrustStore({ db: database.db, actor: customer.customer, connectionId: customer.ppr });
    expect(exported.filename).toBe(`trust-store-${customer.identifier}-PPR.pem`);
    // The inherited CAs stay beside their successors until the overlap's cut-over (issue 12), deduplicated.
    const expected = [...new Set([...fingerprints(inherited.body), fp(clientCa), fp(amazon1), fp(amazon2)])].sort();
    expect(exported.count).toBe(expected.length);
    expect(fingerprints(exported.body).sort()).toEqual(expected);
    expect(exported.body).toMatch(/^# Trust store for /);
    expect(exported.body.match(/^# subject: /gm)).toHaveLength(expected.length);
    expect(exported.body.match(/^# not after: /gm)).toHaveLength(expected.length);
    expect(exported.body).not.toContain(fp(chain.leafPem));
    expect(
      await database.db.auditEvent.count({ where: { action: "trust-store.exported", targetId: customer.ppr } }),
    ).toBe(2);
  });

  it("exports for the Thales backend the customer's approved server chain CAs and trust store, never the leaf", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const chain = pki.serverChain("bank");
    const other = pki.serverChain("bank-old");
    const upload = (kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" | "CUSTOMER_TRUST_STORE", file: string) =>
      uploadAsset({
        db: database.db,
        actor: customer.customer,
        connectionId: customer.prd,
        kind,
        content: { file },
        confirmWarnings: true,
      });
    const chainUp = await upload("CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", chain.chainPem);
    if (chainUp.status !== "stored") throw new Error(chainUp.status);
    expect(chainUp.findings.map((f) => f.code)).toContain("CHAIN_NOT_MOZILLA_TRUSTED");
    // Not approved yet: nothing in force, nothing exported.
    expect((await exportTrustStore({ db: database.db, actor: delivery, connectionId: customer.prd })).count).toBe(0);
    const board = (
      await listConnections({ db: database.db, actor: customer.customer, filter: { id: customer.prd } })
    )[0]!;
    expect(board.readiness.items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: true,
      waitingOn: "customer",
    });
    await approveVersion({ db: database.db, actor: delivery, versionId: chainUp.versionId });
    await approveVersion({ db: database.db, actor: reviewer, versionId: chainUp.versionId });
    const storeUp = await upload("CUSTOMER_TRUST_STORE", chain.rootPem + chain.intermediatePem + other.rootPem);
    if (storeUp.status !== "stored") throw new Error(`${storeUp.status} ${JSON.stringify(storeUp.findings)}`);
    await approveVersion({ db: database.db, actor: delivery, versionId: storeUp.versionId });
    await approveVersion({ db: database.db, actor: reviewer, versionId: storeUp.versionId });
    await publish("THALES_CLIENT_CA", [customer.prd], pki.caCertificate("thales-client-ca"));

    const backend = await exportTrustStore({ db: database.db, actor: delivery, connectionId: customer.prd });
    expect(backend.filename).toBe(`trust-store-${customer.identifier}-PRD-backend.pem`);
    expect(fingerprints(backend.body).sort()).toEqual(
      [fp(chain.rootPem), fp(chain.intermediatePem), fp(other.rootPem)].sort(),
    );
    expect(backend.count).toBe(3);
    expect(backend.body).not.toContain(fp(chain.leafPem));
    expect(fingerprints(backend.body)).not.toContain(fp(chain.leafPem));
    // Delivery may also ask for the customer's view; the customer never gets the backend's.
    const customerView = await exportTrustStore({
      db: database.db,
      actor: delivery,
      connectionId: customer.prd,
      audience: "customer",
    });
    // The Thales client CA published here, beside what the new connection inherited from d1 Production (no more
    // client CA than this one: the publication superseded the inherited one), and none of the customer's CAs.
    const customerSide = fingerprints(customerView.body);
    expect(customerSide).toContain(fp(pki.caCertificate("thales-client-ca")));
    for (const pem of [chain.rootPem, chain.intermediatePem, other.rootPem])
      expect(customerSide).not.toContain(fp(pem));
    await expectAppError(
      exportTrustStore({
        db: database.db,
        actor: customer.customer,
        connectionId: customer.prd,
        audience: "thales-backend",
      }),
      "NOT_FOUND",
    );
  });

  it("publishes a host with a base path, and refuses a bad base path", async () => {
    const ok = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "TSH_INBOUND_HOST",
      connectionIds: [tsh.ppr],
      content: { host: "tsh.thales.example", basePath: "/api/v1" },
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok.findings));
    const file = await downloadVersion({
      db: database.db,
      actor: tsh.customer,
      versionId: ok.versionIds[0]!,
      format: "txt",
    });
    expect(file.body).toBe("tsh.thales.example/api/v1\n");
    const before = await dbState(database.db);
    const bad = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "TSH_INBOUND_HOST",
      connectionIds: [tsh.ppr],
      content: { host: "tsh.thales.example", basePath: "api?x=1" },
    });
    expect(bad).toMatchObject({ ok: false, findings: [expect.objectContaining({ code: "BASE_PATH_INVALID" })] });
    expect(await dbState(database.db)).toEqual(before);
  });
});
