import "server-only";
import type Database from "better-sqlite3";

/**
 * Prisma's better-sqlite3 adapter compiles every statement again for every query (`db.prepare(sql).bind(args)`):
 * on the API's hot paths that compiling was 13 % of the server's CPU, as much as running the SQL. SQLite statements
 * are reusable, so this keeps the most recently used ones by their SQL text and hands the adapter a statement whose
 * `bind` does not stick (better-sqlite3 binds for good, once per statement): the arguments go with each run instead.
 * The adapter runs statements synchronously, one at a time, so a cached statement is never in use twice at once; a
 * schema change makes SQLite recompile it on its next run.
 */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement<unknown[]>;

/** What the adapter calls on what `prepare` returns (adapter-better-sqlite3 7.x: performIO, executeIO, BEGIN). */
export type AdapterStatement = {
  readonly reader: boolean;
  columns(): Database.ColumnDefinition[];
  bind(args: unknown[]): AdapterStatement;
  run(): Database.RunResult;
  raw(): { all(): unknown[] };
};

/** A compiled statement and, once asked for, its result columns. */
type Entry = { statement: Statement; columns?: Database.ColumnDefinition[] };

function adapterStatement(entry: Entry, args: unknown[]): AdapterStatement {
  const { statement } = entry;
  return {
    reader: statement.reader,
    // The adapter asks on every read; better-sqlite3 builds a new array of five-field objects each time (3.7 % of the
    // customer's `connections` CPU). A statement's columns are fixed by its SQL text: every query names its columns
    // (Prisma never emits `SELECT *`, nor do ours). Only a migration changing a column's declared type under a
    // running process could make them stale, and that process's generated client would be stale with them (no
    // migration has changed a type; decision 035 says how one would).
    columns: () => (entry.columns ??= statement.columns()),
    bind: (bound) => adapterStatement(entry, bound),
    run: () => statement.run(args),
    // raw(true) each time: the mode sticks to the statement, and every reading run of the adapter wants rows as arrays.
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  };
}

/** Replaces `db.prepare` with one that reuses the statements of the last `size` distinct SQL texts. */
export function cacheStatements(db: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Entry>();
  const cached = (sql: string): AdapterStatement => {
    let entry = cache.get(sql);
    if (entry) {
      // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
      cache.delete(sql);
    } else {
      entry = { statement: prepare(sql) };
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, entry);
    return adapterStatement(entry, []);
  };
  (db as unknown as { prepare: typeof cached }).prepare = cached;
}
