import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { Db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeActor, makeCustomer, type Customer } from "./support/assets";

/**
 * Issue 15: the audit log names each entry's object and links to it ("The customer's endpoint host v1 · ID1 PPR (Org …)"),
 * read with one query per target type whatever the page size, and keeps the type and id of an object that is gone.
 */
describe.each(PROVIDERS)("audit entries that name their object on %s", (provider) => {
  let database: TestDatabase;
  let admin: Actor;
  let customer: Customer;
  let organization: string;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    admin = await makeActor(database.db, "ADMIN");
    customer = await makeCustomer(database.db, "d1", { admin });
    organization = (
      await database.db.organization.findUniqueOrThrow({
        where: { id: customer.organizationId },
        select: { name: true },
      })
    ).name;
  });
  afterAll(() => database.drop());

  /** The database client with each model's findMany counted: how many queries a page of the log costs. */
  function counting(db: Db): { db: Db; calls: Map<string, number> } {
    const calls = new Map<string, number>();
    const wrapped = new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof property !== "string" || typeof value !== "object" || value === null || !("findMany" in value))
          return value;
        const model = value as { findMany: (...args: unknown[]) => unknown };
        return new Proxy(model, {
          get(m, p, r) {
            if (p !== "findMany") return Reflect.get(m, p, r) as unknown;
            return (...args: unknown[]) => {
              calls.set(property, (calls.get(property) ?? 0) + 1);
              return model.findMany(...args);
            };
          },
        });
      },
    });
    return { db: wrapped, calls };
  }

  it("names versions, connections and users, links them, in one query per type", async () => {
    const versions: string[] = [];
    for (const [connectionId, host] of [
      [customer.ppr, "ppr.acme.example"],
      [customer.prd, "prd.acme.example"],
    ] as const) {
      const result = await uploadAsset({
        db: database.db,
        actor: customer.customer,
        connectionId,
        kind: "ISSUER_HOST",
        content: { host, port: 443 },
        confirmWarnings: true,
      });
      if (result.status !== "stored") throw new Error(`upload ${result.status}`);
      versions.push(result.versionId);
    }
    await recordAudit(database.db, {
      action: "test.connection.touched",
      actor: admin,
      target: { type: "Connection", id: customer.prd },
    });
    await recordAudit(database.db, {
      action: "test.user.touched",
      actor: admin,
      target: { type: "User", id: admin.id },
    });

    const { db, calls } = counting(database.db);
    const events = await listAuditEvents({ db, actor: admin, filter: { take: 200 } });
    const target = (id: string) => events.find((e) => e.targetId === id)?.target;
    for (const [i, versionId] of versions.entries())
      expect(target(versionId)).toEqual({
        type: "AssetVersion",
        id: versionId,
        label: `The customer's endpoint host v1 · ${customer.identifier} ${i === 0 ? "PPR" : "PRD"} (${organization})`,
        href: `/versions/${versionId}`,
      });
    expect(target(customer.prd)).toMatchObject({
      label: `Connection ${customer.identifier} PRD (${organization})`,
      href: `/connections/${customer.prd}`,
    });
    expect(target(admin.id)).toMatchObject({ label: `User ${admin.email}` });
    // One query for the page, then one per target type on it, however many entries share a type.
    expect(calls.get("assetVersion")).toBe(1);
    expect(calls.get("connection")).toBe(1);
    expect(calls.get("user")).toBe(1);
    expect(calls.get("auditEvent")).toBe(1);
  });

  it("keeps the type and id of an object that no longer exists, unlinked", async () => {
    await recordAudit(database.db, {
      action: "test.version.gone",
      actor: admin,
      target: { type: "AssetVersion", id: "no-such-version" },
    });
    await recordAudit(database.db, { action: "test.other", actor: admin, target: { type: "Gadget", id: "g1" } });
    const events = await listAuditEvents({ db: database.db, actor: admin, filter: { take: 200 } });
    expect(events.find((e) => e.action === "test.version.gone")?.target).toEqual({
      type: "AssetVersion",
      id: "no-such-version",
      label: "AssetVersion no-such-version",
      href: null,
    });
    expect(events.find((e) => e.action === "test.other")?.target).toMatchObject({ label: "Gadget g1", href: null });
    expect(events.find((e) => e.targetType === null)?.target ?? undefined).toBeUndefined();
  });
});
