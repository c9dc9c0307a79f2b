import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/server/generated/sqlite/client";
import { PortalSqlite } from "@/lib/server/db/sqlite-adapter";
import { toAppError } from "@/lib/server/errors";
import { createDb } from "@/lib/server/db/client";
import { freshDatabase, type TestDatabase } from "./support/databases";

/**
 * SQLite's write lock held by another process past the wait (decision 033): the write is refused as BUSY (503, "try
 * again"), not as an unknown error, whether it was a transaction or a single statement; once the lock is free the
 * same client writes. The other process is a second connection to the migrated file holding BEGIN IMMEDIATE.
 */
describe("a write that waited its limit for SQLite's lock", () => {
  let database: TestDatabase;
  let client: PrismaClient;
  let other: Database.Database;
  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    const file = (database.config as { file: string }).file;
    client = new PrismaClient({ adapter: new PortalSqlite({ url: `file:${file}` }, 150) });
    other = new Database(file);
  });
  afterAll(async () => {
    other?.close();
    await client?.$disconnect();
    await database?.drop();
  });

  it("the portal's client waits past Prisma's default 2 s to start a transaction while another process writes", async () => {
    const portal = createDb(database.config);
    try {
      other.exec("BEGIN IMMEDIATE");
      const released = new Promise((resolve) => setTimeout(resolve, 2_500)).then(() => other.exec("ROLLBACK"));
      const started = Date.now();
      const count = await portal.$transaction(async (tx) =>
        tx.organization.updateMany({ where: { name: "nobody" }, data: { name: "nobody" } }),
      );
      expect(count).toEqual({ count: 0 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
      await released;
      // A caller's own shorter maxWait still ends as BUSY, not as an unknown error.
      other.exec("BEGIN IMMEDIATE");
      const short = await portal
        .$transaction(async (tx) => tx.organization.count(), { maxWait: 100 })
        .catch((e: unknown) => e);
      expect(toAppError(short)?.code, String(short)).toBe("BUSY");
      other.exec("ROLLBACK");
    } finally {
      await portal.$disconnect();
    }
  });

  it("is BUSY, in a transaction and as one statement, and writes once the lock is free", async () => {
    other.exec("BEGIN IMMEDIATE");
    const write = () => client.organization.updateMany({ where: { name: "nobody" }, data: { name: "nobody" } });
    const inTransaction = await client.$transaction(async (tx) => tx.organization.count()).catch((e: unknown) => e);
    expect(toAppError(inTransaction)?.code, String(inTransaction)).toBe("BUSY");
    const alone = await write().catch((e: unknown) => e);
    expect(toAppError(alone)?.code, String(alone)).toBe("BUSY");
    other.exec("ROLLBACK");
    expect(await write()).toEqual({ count: 0 });
  });
});
