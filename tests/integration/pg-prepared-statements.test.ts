import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeActor } from "./support/assets";

/**
 * On PostgreSQL the app's client prepares a statement it runs again on the connection, so the server neither parses
 * nor plans it every time (decision 035). Shown with one connection, so every query lands on the connection whose
 * prepared statements are listed. PostgreSQL only: SQLite's statements are cached by the adapter (decision 032).
 */
describe.each(PROVIDERS.filter((p) => p === "postgresql"))("prepared statements on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let email: string;
  const prepared = async () =>
    db.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
  const byEmail = (email: string) => db.user.findMany({ where: { email }, select: { id: true, email: true } });

  beforeAll(async () => {
    database = await freshDatabase(provider);
    db = createDb(database.config, { poolSize: 1 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("prepares a query run twice, once, and answers from it", async () => {
    ({ email } = await makeActor(database.db, "ADMIN"));
    for (const address of ["nobody@portal.test", email, email]) await byEmail(address);
    const mine = (await prepared()).filter((s) => s.statement.includes(`"User"`) && s.name.startsWith("portal_"));
    expect(mine).toHaveLength(1);
    expect(await byEmail(email)).toEqual([expect.objectContaining({ email })]);
    expect(await byEmail("two@portal.test")).toEqual([]);
  });

  it("keeps answering after the schema changes under a prepared statement", async () => {
    ({ email } = await makeActor(database.db, "ADMIN"));
    for (let i = 0; i < 3; i++) await byEmail(email);
    // What a migration run by another instance does; the statement names its columns, so its result type stands.
    await database.db.$executeRawUnsafe(`ALTER TABLE "User" ADD COLUMN "zzProbe" TEXT`);
    try {
      expect(await byEmail(email)).toEqual([expect.objectContaining({ email })]);
    } finally {
      await database.db.$executeRawUnsafe(`ALTER TABLE "User" DROP COLUMN "zzProbe"`);
    }
    expect(await byEmail(email)).toHaveLength(1);
  });
});
