import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * Direct, read-mostly access to an e2e database (the app's own or one a spec created), for checks the
 * HTTP API cannot make: row counts, content fingerprints, integrity queries. SQLite is opened read-only
 * unless `writable` (never needed by the specs); PostgreSQL through one pg client.
 */
export type Row = Record<string, unknown>;
export interface TestDb {
  readonly kind: "sqlite" | "postgresql";
  /** Parameters as `?` (SQLite) or `$1…` (PostgreSQL): write the SQL for `kind`, or use `q()` below. */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openTestDb(url: string | undefined): Promise<TestDb> {
  if (!url) throw new Error("no database URL (E2E_DATABASE_URL_IN_USE is set by e2e/support/global-setup.ts)");
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return {
      kind: "sqlite",
      all: async (sql, params = []) => db.prepare(sql).all(...(params as never[])) as Row[],
      tables: async () =>
        (
          db
            .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
            .all() as { name: string }[]
        ).map((r) => r.name),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind: "postgresql",
    all: async (sql, params = []) => (await client.query(sql, params)).rows as Row[],
    tables: async () =>
      (
        await client.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
        )
      ).rows.map((r: { name: string }) => r.name),
    close: () => client.end(),
  };
}

/** `?` placeholders rewritten to `$n` for PostgreSQL, so one SQL text serves both. */
export function q(db: TestDb, sql: string): string {
  if (db.kind === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function countRows(db: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await db.tables())
    counts[table] = Number((await db.all(`SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);
  return counts;
}

/**
 * SHA-256 of every row of a table (ordered by id), leaving out the named columns: two equal fingerprints
 * mean no row was added, removed or changed apart from those columns.
 */
export async function fingerprint(db: TestDb, table: string, ignoreColumns: string[] = []): Promise<string> {
  const rows = await db.all(`SELECT * FROM "${table}"`);
  const canon = rows
    .map((row) =>
      JSON.stringify(
        Object.keys(row)
          .sort()
          .filter((k) => !ignoreColumns.includes(k))
          .map((k) => [
            k,
            row[k] instanceof Date
              ? (row[k] as Date).toISOString()
              : Buffer.isBuffer(row[k])
                ? (row[k] as Buffer).toString("base64")
                : row[k],
          ]),
      ),
    )
    .sort();
  return createHash("sha256").update(canon.join("\n")).digest("hex");
}
