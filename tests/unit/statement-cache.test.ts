import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PortalSqlite } from "@/lib/server/db/sqlite-adapter";
import { cacheStatements, type AdapterStatement } from "@/lib/server/db/statement-cache";

const argType = (scalarType: "int" | "string") => ({ scalarType, arity: "scalar" }) as never;

/** A database whose real `prepare` counts its calls, then the cache in front of it. */
function countingDb(size?: number) {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
  const calls: string[] = [];
  const real = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    calls.push(sql);
    return real(sql);
  };
  cacheStatements(db, size);
  const prepare = (sql: string) => (db as unknown as { prepare: (sql: string) => AdapterStatement }).prepare(sql);
  return { db, calls, prepare };
}

describe("statement cache in front of better-sqlite3 (as Prisma's adapter calls it)", () => {
  it("compiles a statement once and runs it with each call's own arguments", () => {
    const { calls, prepare } = countingDb();
    for (const [id, name] of [
      [1, "one"],
      [2, "two"],
    ] as const)
      prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([id, name]).run();
    const select = `SELECT id, name FROM t WHERE id = ?`;
    expect(prepare(select).bind([2]).raw().all()).toEqual([[2, "two"]]);
    expect(prepare(select).bind([1]).raw().all()).toEqual([[1, "one"]]);
    const statement = prepare(select).bind([1]);
    expect(statement.reader).toBe(true);
    expect(statement.columns().map((column) => column.name)).toEqual(["id", "name"]);
    expect(calls).toEqual([`INSERT INTO t (id, name) VALUES (?, ?)`, select]);
  });

  it("reads a statement's columns once, however often the adapter asks", () => {
    const { prepare } = countingDb();
    // Count better-sqlite3's own reads (each builds the column list anew) under the cache.
    const probe = new Database(":memory:");
    const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { columns(): unknown };
    probe.close();
    const columns = proto.columns;
    let reads = 0;
    proto.columns = function (this: unknown) {
      reads++;
      return columns.call(this);
    };
    try {
      const select = `SELECT id, name AS label FROM t WHERE id = ?`;
      for (const id of [1, 2, 3])
        expect(
          prepare(select)
            .bind([id])
            .columns()
            .map((c) => [c.name, c.type]),
        ).toEqual([
          ["id", "INTEGER"],
          ["label", "TEXT"],
        ]);
      expect(reads).toBe(1);
    } finally {
      proto.columns = columns;
    }
  });

  it("runs a statement without arguments (the adapter's BEGIN) and one whose arguments come by bind", () => {
    const { db, prepare } = countingDb();
    prepare("BEGIN").run();
    expect(db.inTransaction).toBe(true);
    prepare("ROLLBACK").run();
    expect(db.inTransaction).toBe(false);
    expect(prepare(`UPDATE t SET name = ? WHERE id = ?`).bind(["x", 9]).run().changes).toBe(0);
  });

  it("keeps the most recently used statements and compiles an evicted one again", () => {
    const { calls, prepare } = countingDb(2);
    const a = `SELECT 1`;
    const b = `SELECT 2`;
    const c = `SELECT 3`;
    for (const sql of [a, b, a, c, a, b]) prepare(sql).bind([]).raw().all();
    // c evicted b (a was used more recently), so b is compiled twice and a once.
    expect(calls).toEqual([a, b, c, b]);
  });

  it("is what Prisma's adapter gets from the factory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "statement-cache-"));
    try {
      const adapter = await new PortalSqlite({ url: `file:${join(dir, "db.sqlite")}` }).connect();
      await adapter.executeScript(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
      const insert = `INSERT INTO t (id, name) VALUES (?, ?)`;
      for (const [id, name] of [
        [1, "one"],
        [2, "two"],
      ] as const)
        await adapter.executeRaw({ sql: insert, args: [id, name], argTypes: [argType("int"), argType("string")] });
      const rows = await adapter.queryRaw({ sql: `SELECT name FROM t ORDER BY id`, args: [], argTypes: [] });
      expect(rows.rows).toEqual([["one"], ["two"]]);
      // Binding one statement twice is what better-sqlite3 refuses and the cache's statements allow.
      const client = (adapter as unknown as { client: Database.Database }).client;
      const select = (client.prepare as unknown as (sql: string) => AdapterStatement)(
        `SELECT name FROM t WHERE id = ?`,
      );
      select.bind([1]);
      expect(select.bind([2]).raw().all()).toEqual([["two"]]);
      await adapter.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
