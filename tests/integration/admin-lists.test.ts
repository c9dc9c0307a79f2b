import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOrganizations } from "@/lib/server/organizations/list-organizations";
import { listOrganizationChoices } from "@/lib/server/organizations/list-organization-choices";
import { listUsers } from "@/lib/server/users/list-users";
import type { Actor } from "@/lib/server/actor";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeOrganization, makeUser } from "./support/factories";

/**
 * Issue 16: the admin pages read a page of organizations or users (by name, with the whole count and a
 * case-insensitive "contains" filter), never the whole table; only administrators may read them.
 */
describe.each(PROVIDERS)("admin organization and user lists on %s", (provider) => {
  let database: TestDatabase;
  let admin: Actor;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    admin = await makeUser(database.db, "ADMIN");
  });
  afterAll(() => database.drop());

  const organizations = (
    filter: { q?: string; org?: string },
    limit = 25,
    offset = 0,
    identifiersEach?: number,
    identifiersFrom?: number,
  ) => listOrganizations({ db: database.db, actor: admin, filter, limit, offset, identifiersEach, identifiersFrom });
  const names = (page: { items: { name: string }[] }) => page.items.map((o) => o.name);

  it("pages organizations by name with the whole count, filtered by part of the name in any case", async () => {
    const made = Array.from({ length: 27 }, (_, i) => `Paging Bank ${String(i + 1).padStart(2, "0")}`);
    for (const name of [...made].reverse()) await makeOrganization(database.db, name);
    await makeOrganization(database.db, "Other Credit Union");
    await makeOrganization(database.db, "100% Pay");

    const first = await organizations({ q: "paging BANK" });
    expect(first.total).toBe(27);
    expect(names(first)).toEqual(made.slice(0, 25));
    const second = await organizations({ q: "paging BANK" }, 25, 25);
    expect(second).toMatchObject({ total: 27 });
    expect(names(second)).toEqual(made.slice(25));
    expect(await organizations({ q: "paging BANK" }, 25, 50)).toEqual({ items: [], total: 27 });

    const all = await organizations({}, 5);
    expect(all.total).toBe(await database.db.organization.count());
    expect(all.items).toHaveLength(5);
    expect(names(await organizations({ q: "CREDIT" }))).toEqual(["Other Credit Union"]);
    // LIKE's wildcards in the filter match only themselves.
    expect(names(await organizations({ q: "0%" }))).toEqual(["100% Pay"]);
    expect(await organizations({ q: "_" })).toEqual({ items: [], total: 0 });
  });

  it("shows one organization's newest identifiers with their connections, and how many it holds", async () => {
    const organizationId = await makeOrganization(database.db, "Identifier Holder");
    await makeUser(database.db, "CUSTOMER", { organizationId });
    await database.db.organizationDomain.create({ data: { id: newId(), organizationId, domain: "holder.test" } });
    for (const [n, value] of ["HOLD1", "HOLD2", "HOLD3"].entries()) {
      const identifierId = newId();
      await database.db.identifier.create({
        data: {
          id: identifierId,
          organizationId,
          program: "tsh",
          value,
          createdAt: new Date(Date.UTC(2026, 0, n + 1)),
        },
      });
      for (const environment of ["PRD", "PPR"])
        await database.db.connection.create({
          data: { id: newId(), identifierId, organizationId, environment, expectedCn: `${value}.${environment}` },
        });
    }

    const { items, total } = await organizations({ q: "holder" }, 25, 0, 2);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      name: "Identifier Holder",
      kind: "CUSTOMER",
      passwordLogin: true,
      userCount: 1,
      identifierCount: 3,
      domains: [{ domain: "holder.test" }],
    });
    expect(items[0]!.identifiers.map((i) => i.value)).toEqual(["HOLD3", "HOLD2"]);
    expect(items[0]!.identifiers[0]!.connections.map((c) => [c.environment, c.expectedCn])).toEqual([
      ["PPR", "HOLD3.PPR"],
      ["PRD", "HOLD3.PRD"],
    ]);
    // The organization's own view: every identifier, a page at a time, counted in full.
    const own = await organizations({ org: organizationId });
    expect(own.total).toBe(1);
    expect(own.items[0]!.identifiers.map((i) => i.value)).toEqual(["HOLD3", "HOLD2", "HOLD1"]);
    const secondPage = await organizations({ org: organizationId }, 1, 0, 2, 2);
    expect(secondPage.items[0]).toMatchObject({ identifierCount: 3, identifiers: [{ value: "HOLD1" }] });
    expect(secondPage.items[0]!.identifiers[0]!.connections.map((c) => c.expectedCn)).toEqual([
      "HOLD1.PPR",
      "HOLD1.PRD",
    ]);
    expect((await organizations({ org: organizationId }, 1, 0, 2, 4)).items[0]!.identifiers).toEqual([]);
  });

  it("pages users by organization and e-mail, filtered by e-mail or name in any case", async () => {
    const a = await makeOrganization(database.db, "Users A");
    const b = await makeOrganization(database.db, "Users B");
    await makeUser(database.db, "CUSTOMER", { organizationId: b, email: "ann@finder.test" });
    await makeUser(database.db, "CUSTOMER", { organizationId: a, email: "zoe@finder.test" });
    await makeUser(database.db, "CUSTOMER", { organizationId: a, email: "bob@finder.test" });
    await database.db.user.updateMany({ where: { email: "ann@finder.test" }, data: { name: "Ann Findme" } });

    const list = (q: string, limit = 50, offset = 0) =>
      listUsers({ db: database.db, actor: admin, filter: { q }, limit, offset });
    const first = await list("@FINDER.test", 2);
    expect(first.total).toBe(3);
    expect(first.items.map((u) => u.email)).toEqual(["bob@finder.test", "zoe@finder.test"]);
    expect(first.items[0]).toMatchObject({ organization: { id: a, name: "Users A" }, role: "CUSTOMER" });
    const second = await list("@FINDER.test", 2, 2);
    expect(second.items.map((u) => u.email)).toEqual(["ann@finder.test"]);
    // The name counts too.
    expect((await list("findME")).items.map((u) => u.email)).toEqual(["ann@finder.test"]);
    const everyone = await listUsers({ db: database.db, actor: admin, filter: {}, limit: 1000, offset: 0 });
    expect(everyone.total).toBe(await database.db.user.count());
    expect(everyone.items).toHaveLength(everyone.total);
  });

  it("offers every organization to the invitation form, Thales first", async () => {
    const choices = await listOrganizationChoices({ db: database.db, actor: admin });
    expect(choices).toHaveLength(await database.db.organization.count());
    expect(choices[0]).toMatchObject({ kind: "THALES" });
    expect(choices.slice(1).every((o) => o.kind === "CUSTOMER")).toBe(true);
  });

  it("refuses the lists to everyone but administrators", async () => {
    const acme = await makeOrganization(database.db);
    for (const [role, options] of [
      ["CUSTOMER", { organizationId: acme }],
      ["CUSTOMER_READ_ONLY", { organizationId: acme }],
      ["THALES_DELIVERY", {}],
    ] as const) {
      const actor = await makeUser(database.db, role, options);
      const db = database.db;
      await expect(listOrganizations({ db, actor, filter: {}, limit: 25, offset: 0 })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(listUsers({ db, actor, filter: {}, limit: 25, offset: 0 })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(listOrganizationChoices({ db, actor })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
