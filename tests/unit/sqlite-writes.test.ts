import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PortalSqlite } from "@/lib/server/db/sqlite-adapter";
import { immediateTransactions } from "@/lib/server/db/sqlite-writes";

/**
 * Two connections to one SQLite file stand for two server processes (SQLite locks per connection). Each is the
 * adapter Prisma gets from our factory, driven as Prisma drives it: BEGIN by startTransaction, then the statements and
 * COMMIT through the transaction, then commit() to give the process's turn back.
 */
const sql = (text: string, ...args: unknown[]) => ({
  sql: text,
  args,
  argTypes: args.map(() => ({ scalarType: "string", arity: "scalar" }) as never),
});
type Adapter = Awaited<ReturnType<PortalSqlite["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

let dir: string;
let a: Adapter;
let b: Adapter;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sqlite-writes-"));
  const url = `file:${join(dir, "db.sqlite")}`;
  a = await new PortalSqlite({ url }).connect();
  await a.executeScript(`PRAGMA journal_mode = WAL; CREATE TABLE t (name TEXT NOT NULL)`);
  b = await new PortalSqlite({ url }).connect();
});
afterEach(async () => {
  await a.dispose();
  await b.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const commit = async (transaction: Transaction) => {
  await transaction.executeRaw(sql("COMMIT"));
  await transaction.commit();
};
const names = async (adapter: Adapter) =>
  (await adapter.queryRaw(sql(`SELECT name FROM t ORDER BY rowid`))).rows.map((row) => row[0]);

/** Resolves after `ms`, counting the timer turns the event loop ran meanwhile (none if something blocked it). */
async function turnsDuring(ms: number): Promise<number> {
  let turns = 0;
  const tick = setInterval(() => turns++, 2);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearInterval(tick);
  return turns;
}

describe("SQLite writes from several processes (decision 033)", () => {
  it("takes the write lock at BEGIN, and another process waits for it without blocking its event loop", async () => {
    const first = await a.startTransaction();
    await first.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "from a"));

    let began = false;
    const second = b.startTransaction().then((transaction) => ((began = true), transaction));
    expect(await turnsDuring(60)).toBeGreaterThan(5);
    expect(began).toBe(false);

    await commit(first);
    const transaction = await second;
    // b's transaction began after a's commit, so it sees a's row and writes after it.
    await transaction.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "from b"));
    await commit(transaction);
    expect(await names(a)).toEqual(["from a", "from b"]);
  });

  it("a transaction that reads, then writes, is not refused because another process wrote in between", async () => {
    // With the adapter's deferred BEGIN this was SQLITE_BUSY_SNAPSHOT at once: b's read snapshot went stale when a
    // committed, and no waiting can mend that. Taking the lock at BEGIN makes a's write wait instead.
    const transaction = await b.startTransaction();
    expect((await transaction.queryRaw(sql(`SELECT count(*) AS n FROM t`))).rows).toEqual([[0]]);
    const aWrites = a.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "from a"));
    await turnsDuring(30);
    await transaction.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "from b"));
    await commit(transaction);
    expect(await aWrites).toBe(1);
    expect(await names(b)).toEqual(["from b", "from a"]);
  });

  it("a COMMIT that fails does not leave the write lock held once Prisma ends the transaction", async () => {
    // A deferred foreign key violated at COMMIT: SQLite refuses the COMMIT and keeps the transaction open.
    await a.executeScript(
      `PRAGMA foreign_keys = ON; CREATE TABLE parent (id TEXT PRIMARY KEY);
       CREATE TABLE child (parent TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`,
    );
    const transaction = await a.startTransaction();
    await transaction.executeRaw(sql(`INSERT INTO child (parent) VALUES (?)`, "nobody"));
    await expect(transaction.executeRaw(sql("COMMIT"))).rejects.toThrow(/ForeignKeyConstraintViolation/);
    await transaction.rollback(); // what Prisma does when its COMMIT failed
    const next = await b.startTransaction();
    await next.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "from b"));
    await commit(next);
    expect(await names(a)).toEqual(["from b"]);
  });

  it("gives up after the wait, with SQLite's busy error, and leaves the process able to begin again", async () => {
    // An adapter like the factory's, with a 40 ms wait instead of 10 s.
    const impatient = await new PrismaBetterSqlite3({ url: `file:${join(dir, "db.sqlite")}` }).connect();
    try {
      immediateTransactions(impatient, (impatient as unknown as { client: Database.Database }).client, 40);
      const held = await a.startTransaction();
      const refused = await impatient.startTransaction().then(
        () => "began",
        (error: { cause?: { originalCode?: string } }) => error.cause?.originalCode,
      );
      expect(refused).toMatch(/^SQLITE_BUSY/);
      await commit(held);
      const again = await impatient.startTransaction();
      await again.executeRaw(sql(`INSERT INTO t (name) VALUES (?)`, "after"));
      await commit(again);
      expect(await names(a)).toEqual(["after"]);
    } finally {
      await impatient.dispose();
    }
  });
});
