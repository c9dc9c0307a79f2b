import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "@/lib/server/db/insert-rows";
import { retryOnUniqueConflict } from "@/lib/server/db/retry";
import { toAppError } from "@/lib/server/errors";
import { PROVIDERS, freshDatabase, type TestDatabase } from "./support/databases";

/**
 * `insertRows` writes the rows of an upload's transaction as raw SQL (decision 036). What Prisma's `create` did for
 * free must still hold: the times stored as Prisma stores them, long lists split under the bind limits, a unique
 * violation seen as the lost race it is, and no row half-described.
 */
describe.each(PROVIDERS)("insertRows on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const audit = (id: string, createdAt: Date) => ({
    id,
    createdAt,
    action: "test.insert-rows",
    actorEmail: null,
    organizationId: null,
    details: JSON.stringify({ id }),
  });

  it("stores a time exactly as Prisma's create does, so the two sort and compare together", async () => {
    const { db } = database;
    const at = new Date("2026-12-08T00:00:00.123Z");
    await insertRows(db, "AuditEvent", [audit("raw-1", at)]);
    await db.auditEvent.create({ data: { ...audit("prisma-1", at) }, select: { id: true } });
    const rows = await db.auditEvent.findMany({
      where: { id: { in: ["raw-1", "prisma-1"] }, createdAt: { gte: at, lte: at } },
      select: { id: true, createdAt: true },
    });
    expect(rows.map((r) => [r.id, r.createdAt.toISOString()]).sort()).toEqual([
      ["prisma-1", at.toISOString()],
      ["raw-1", at.toISOString()],
    ]);
    // The stored values themselves, not only Prisma's reading of them: one format for both writers (on SQLite the
    // column holds text, and text compares as text in every query that sorts or filters on it).
    const stored = await db.$queryRaw<{ id: string; text: string }[]>`
      SELECT id, CAST("createdAt" AS TEXT) AS text FROM "AuditEvent" WHERE id IN ('raw-1', 'prisma-1') ORDER BY id`;
    expect(stored).toHaveLength(2);
    expect(stored[0]!.text).toBe(stored[1]!.text);
  });

  it("writes a list longer than one statement's bind limit, every row once", async () => {
    const { db } = database;
    const at = new Date();
    // 6 columns × 400 rows = 2,400 values: three statements of at most 900.
    const rows = Array.from({ length: 400 }, (_, i) => audit(`bulk-${String(i).padStart(3, "0")}`, at));
    await insertRows(db, "AuditEvent", rows);
    const read = await db.auditEvent.findMany({
      where: { action: "test.insert-rows", id: { startsWith: "bulk-" } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(read.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("raises a unique violation that the retry and the API both read as a lost race", async () => {
    const { db } = database;
    await insertRows(db, "AuditEvent", [audit("dup-1", new Date())]);
    const again = insertRows(db, "AuditEvent", [audit("dup-1", new Date())]);
    const error = await again.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toAppError(error)?.code).toBe("CONFLICT");
    let attempts = 0;
    await expect(
      retryOnUniqueConflict(async () => {
        attempts++;
        await insertRows(db, "AuditEvent", [audit("dup-1", new Date())]);
      }, 3),
    ).rejects.toThrow(/unique constraint/i);
    expect(attempts).toBe(3);
  });

  it("refuses rows that do not set the same columns, and writes nothing", async () => {
    const { db } = database;
    const at = new Date();
    await expect(
      insertRows(db, "AuditEvent", [
        audit("mixed-1", at),
        { id: "mixed-2", createdAt: at, action: "test.insert-rows" },
      ]),
    ).rejects.toThrow(/same columns/);
    expect(await db.auditEvent.count({ where: { id: { in: ["mixed-1", "mixed-2"] } } })).toBe(0);
  });
});
