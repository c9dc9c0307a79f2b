import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAllExpiring, listExpiring } from "@/lib/server/notifications/list-expiring";
import { KINDS } from "@/lib/assets/kinds";
import type { Actor } from "@/lib/server/actor";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

const DAY = 86_400_000;
const NOW = new Date("2027-06-01T00:00:00Z");

/**
 * Thales' expiring view (issue 16): versions in force soonest first, a page at a time with the whole count; each
 * brings its certificates within the horizon. It used to read 5,000 versions in no order (the soonest could be
 * missing) and send all of them.
 */
describe.each(PROVIDERS)("expiring view on %s", (provider) => {
  let database: TestDatabase;
  let delivery: Actor;
  let customer: Customer;
  let organization: string;
  const versionByDays = new Map<number, string>();

  /** A version in force whose certificates expire in `days` (the first is the version's notAfter). */
  async function inForce(connectionId: string, kind: keyof typeof KINDS, ...days: number[]) {
    const asset = await database.db.asset.create({
      data: {
        id: newId(),
        connectionId,
        organizationId: customer.organizationId,
        kind,
        direction: KINDS[kind].direction,
      },
    });
    const id = newId();
    const certificate = (d: number, i: number) => ({
      subject: `CN=cert-${d}-${i}`,
      issuer: "CN=issuer",
      serialNumber: String(i + 1),
      notBefore: NOW.toISOString(),
      notAfter: new Date(NOW.getTime() + d * DAY).toISOString(),
      sha256: `${i}${d}`.padStart(64, "0"),
      role: i === 0 ? "leaf" : "root",
      details: {},
    });
    await database.db.assetVersion.create({
      data: {
        id,
        assetId: asset.id,
        organizationId: customer.organizationId,
        seq: 1,
        state: "PUBLISHED",
        sha256: "cd".repeat(32),
        findings: "[]",
        uploadedById: delivery.id,
        notAfter: new Date(NOW.getTime() + Math.min(...days) * DAY),
        report: JSON.stringify({ verdict: "accepted", certificates: days.map(certificate) }),
      },
    });
    await database.db.asset.update({ where: { id: asset.id }, data: { currentVersionId: id } });
    versionByDays.set(Math.min(...days), id);
  }

  beforeAll(async () => {
    database = await freshDatabase(provider);
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    customer = await makeCustomer(database.db, "d1");
    organization = (await database.db.organization.findUniqueOrThrow({ where: { id: customer.organizationId } })).name;
    // Created out of order, so the answer's order comes from the query, not from insertion.
    await inForce(customer.ppr, "THALES_CLIENT_CA", 50);
    await inForce(customer.ppr, "ISSUED_TLS_CLIENT_CERTIFICATE", 5, 300);
    await inForce(customer.ppr, "CUSTOMER_TLS_CLIENT_CERTIFICATE", -3);
    await inForce(customer.ppr, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", 400);
    await inForce(customer.prd, "THALES_CLIENT_CA", 30, 1000);
    await inForce(customer.prd, "ISSUED_TLS_CLIENT_CERTIFICATE", 12);
    await inForce(customer.prd, "CUSTOMER_TLS_CLIENT_CERTIFICATE", 90);
    await inForce(customer.prd, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", 200);
  });
  afterAll(async () => database?.drop());

  const list = (limit: number, offset?: number) =>
    listExpiring({ db: database.db, actor: delivery, filter: { days: 365, organization }, now: NOW, limit, offset });

  it("pages versions soonest first with the whole count; each brings its certificates within the horizon", async () => {
    const pages = [await list(3, 0), await list(3, 3), await list(3, 6), await list(3, 9)];
    // Seven versions expire within a year (the one at 400 days does not).
    for (const page of pages) expect(page.versions).toBe(7);
    const versionsOf = (rows: { versionId: string }[]) => [...new Set(rows.map((r) => r.versionId))];
    expect(pages.map((p) => versionsOf(p.rows))).toEqual([
      [-3, 5, 12].map((d) => versionByDays.get(d)),
      [30, 50, 90].map((d) => versionByDays.get(d)),
      [200].map((d) => versionByDays.get(d)),
      [],
    ]);
    // The chain at 5 days brings its root at 300 (within the horizon), sorted within the page; the one at 30 days
    // leaves its root at 1,000 days out.
    expect(pages[0]!.rows.map((r) => r.daysLeft)).toEqual([-3, 5, 12, 300]);
    expect(pages[1]!.rows.map((r) => r.daysLeft)).toEqual([30, 50, 90]);
  });

  it("the CSV's reading takes every batch, sorted by expiry as a whole: nothing past the first is left out", async () => {
    // Batches of 2 versions over 7 (the export reads 5,000 at a time; it used to stop after the first 5,000).
    const all = await listAllExpiring({
      db: database.db,
      actor: delivery,
      filter: { days: 365, organization },
      now: NOW,
      batch: 2,
    });
    expect(new Set(all.map((r) => r.versionId)).size).toBe(7);
    expect(all.map((r) => r.daysLeft)).toEqual([-3, 5, 12, 30, 50, 90, 200, 300]);
  });

  it("is Thales' view only", async () => {
    await expectAppError(
      listExpiring({ db: database.db, actor: customer.customer, filter: { days: 365 }, now: NOW, limit: 3 }),
      "FORBIDDEN",
    );
  });
});
