import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { listConnections } from "@/lib/server/connections/list-connections";
import { connectionDto } from "@/lib/server/api/dto";
import type { Db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/actor";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { insertVersion, makeActor, makeCustomer, type Customer } from "./support/assets";

/**
 * The readiness board's read model carries, per connection, the cross-check warnings of the versions in play and
 * the newest endpoint check, on each database: following either side when it changes, scoped to the tenant, and
 * in a bounded number of queries however many connections the page holds.
 */
describe.each(PROVIDERS)("board cross-checks and endpoint checks on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let a: Customer;
  let b: Customer;
  let delivery: Actor;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    a = await makeCustomer(database.db, "d1");
    b = await makeCustomer(database.db, "d1");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  const upload = (
    c: Customer,
    kind: "ISSUER_HOST" | "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" | "CUSTOMER_TRUST_STORE",
    content: { file: string } | { host: string; port: number },
  ) => uploadAsset({ db: database.db, actor: c.customer, connectionId: c.ppr, kind, content, confirmWarnings: true });
  const row = async (actor: Actor, id: string) =>
    (await listConnections({ db: database.db, actor, filter: { id } })).find((r) => r.id === id);
  const codes = async (actor: Actor, id: string) => (await row(actor, id))!.crossChecks.map((f) => f.code);
  const probe = (c: Customer, verdict: string, createdAt: Date, trigger = "manual") =>
    database.db.endpointProbe.create({
      data: {
        id: newId(),
        connectionId: c.ppr,
        organizationId: c.organizationId,
        createdAt,
        host: "api.acme.example",
        port: 443,
        verdict,
        trigger,
        result: "{}",
      },
    });

  it("shows the cross-check warnings of the versions in play, re-judged when either side changes", async () => {
    expect(await codes(a.customer, a.ppr)).toEqual([]);
    expect(
      (await upload(a, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", { file: pki.serverChain("board").chainPem })).status,
    ).toBe("stored");
    expect(await codes(a.customer, a.ppr)).toEqual([]);
    expect((await upload(a, "ISSUER_HOST", { host: "api.acme-bank.example", port: 8443 })).status).toBe("stored");
    expect(await codes(a.customer, a.ppr)).toEqual(["CROSS_HOST_NOT_COVERED"]);
    expect((await upload(a, "CUSTOMER_TRUST_STORE", { file: pki.caCertificate("board-unrelated") })).status).toBe(
      "stored",
    );
    expect(await codes(a.customer, a.ppr)).toEqual(["CROSS_HOST_NOT_COVERED", "CROSS_TRUST_STORE_DOES_NOT_ANCHOR"]);
    // Thales sees the same on its overview (a page of the board), and the API's JSON carries it.
    const thalesRow = await row(delivery, a.ppr);
    expect(thalesRow!.crossChecks.map((f) => f.code)).toEqual([
      "CROSS_HOST_NOT_COVERED",
      "CROSS_TRUST_STORE_DOES_NOT_ANCHOR",
    ]);
    expect(connectionDto(thalesRow!).crossChecks[0]).toMatchObject({
      severity: "warning",
      code: "CROSS_HOST_NOT_COVERED",
    });
    // Each side changes: the host the chain covers, then a trust store holding the chain's root.
    await upload(a, "ISSUER_HOST", { host: "api.acme.example", port: 443 });
    expect(await codes(a.customer, a.ppr)).toEqual(["CROSS_TRUST_STORE_DOES_NOT_ANCHOR"]);
    await upload(a, "CUSTOMER_TRUST_STORE", { file: pki.serverChain("board").rootPem });
    expect(await codes(a.customer, a.ppr)).toEqual([]);
    // A newer version out of play (rejected) is not what is judged: the one in play still is.
    await insertVersion(database.db, {
      connectionId: a.ppr,
      kind: "CUSTOMER_TRUST_STORE",
      uploadedById: a.customer.id,
      state: "REJECTED",
      normalizedPem: pki.caCertificate("board-unrelated"),
    });
    expect(await codes(a.customer, a.ppr)).toEqual([]);
  });

  it("shows the newest endpoint check with its date, to the customer and to Thales, never another tenant's", async () => {
    expect((await row(b.customer, b.ppr))!.endpointCheck).toBeNull();
    await probe(b, "failed", new Date("2026-12-01T08:00:00Z"));
    await probe(b, "passed", new Date("2026-12-02T08:00:00Z"), "scheduled");
    await probe(b, "warnings", new Date("2026-11-30T08:00:00Z"));
    const expected = { verdict: "passed", checkedAt: new Date("2026-12-02T08:00:00Z"), trigger: "scheduled" };
    expect((await row(b.customer, b.ppr))!.endpointCheck).toEqual(expected);
    expect((await row(delivery, b.ppr))!.endpointCheck).toEqual(expected);
    expect((await row(b.customer, b.prd))!.endpointCheck).toBeNull();
    expect(connectionDto((await row(b.customer, b.ppr))!).endpointCheck).toEqual({
      ...expected,
      checkedAt: "2026-12-02T08:00:00.000Z",
    });
    // Customer a's board holds none of b's connections nor their checks.
    const aBoard = await listConnections({ db: database.db, actor: a.customer });
    expect(aBoard.map((r) => r.id).sort()).toEqual([a.ppr, a.prd].sort());
    expect(aBoard.every((r) => r.endpointCheck === null)).toBe(true);
  });

  it("reads a page of 60 connections in three queries, with or without checks and cross-checks", async () => {
    const admin = await makeActor(database.db, "ADMIN");
    const many = await makeCustomer(database.db, "d1", { admin });
    for (let i = 0; i < 31; i++) await makeCustomer(database.db, "d1", { admin, organizationId: many.organizationId });
    for (const c of [a, b]) await probe(c, "warnings", new Date("2026-12-03T08:00:00Z"));
    const counted = countingDb(database.db);
    const now = new Date();
    const page = await listConnections({ db: counted.db, actor: delivery, filter: { limit: 60, offset: 0 }, now });
    expect(page).toHaveLength(60);
    expect(counted.calls).toEqual(["$queryRaw", "$queryRaw", "$queryRaw"]);
    const all = await listConnections({ db: database.db, actor: delivery, now });
    // Each row of the page carries its own assets and checks, as in the whole list; so does a later page.
    expect(page).toEqual(all.slice(0, 60));
    const second = await listConnections({ db: database.db, actor: delivery, filter: { limit: 60, offset: 60 }, now });
    expect(second).toEqual(all.slice(60, 120));
    expect(second.length).toBeGreaterThan(0);
    expect(all.find((r) => r.id === a.ppr)!.endpointCheck?.verdict).toBe("warnings");
    expect(all.find((r) => r.id === b.ppr)!.endpointCheck?.verdict).toBe("warnings");
  });
});

/** The database client with every top-level call recorded (raw queries and model delegates alike). */
function countingDb(db: Db): { db: Db; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string") return value;
      calls.push(property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, calls };
}
