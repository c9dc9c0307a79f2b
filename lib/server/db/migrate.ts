import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "./config";
import { secureSqliteFiles } from "./data-files";
import { splitAtDataSteps, type StepSql } from "./data-steps";

/** `?` placeholders → `$1, $2…` (data steps write their SQL once for both drivers; they never quote a `?`). */
const numbered = (q: string) => {
  let n = 0;
  return q.replace(/\?/g, () => `$${++n}`);
};

/**
 * The app's own migrator (docs/decisions/001-database.md): Prisma's schema engine cannot run here, so the
 * committed SQL under prisma/migrations/<provider>/<name>/migration.sql is applied in name order, each in
 * its own transaction, and recorded in `_prisma_migrations` with the same columns and SHA-256 checksum as
 * Prisma Migrate, so a later switch to `prisma migrate deploy` sees the same history.
 * A migration that was applied and whose file has changed since stops everything: the database no longer
 * matches the code and guessing would be worse than refusing.
 */
export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migration ${migration} was applied with a different checksum: its file changed after it ran. Restore the file, or add a new migration instead of editing an applied one.`,
    );
    this.name = "MigrationChecksumError";
  }
}

export function migrationsDir(provider: DatabaseConfig["provider"], root = process.cwd()): string {
  return path.join(root, "prisma", "migrations", provider);
}

export function loadMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMP,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMP,
  "started_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type Applied = { migration_name: string; checksum: string };

function plan(migrations: Migration[], applied: Applied[]): { pending: Migration[]; done: string[] } {
  const byName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = byName.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
  }
  return {
    pending: migrations.filter((m) => !byName.has(m.name)),
    done: migrations.filter((m) => byName.has(m.name)).map((m) => m.name),
  };
}

/** Applies every pending migration; safe to call on every start and from several instances at once. */
export async function migrate(
  config: DatabaseConfig,
  migrations = loadMigrations(migrationsDir(config.provider)),
): Promise<MigrateResult> {
  return config.provider === "sqlite"
    ? migrateSqlite(config.file, migrations)
    : migratePostgres(config.url, migrations);
}

// better-sqlite3 waits for a lock by blocking the thread, so two migrators in one process (a data step awaits)
// would wait on each other forever: they take turns here; other processes wait on BEGIN IMMEDIATE.
let sqliteTurn: Promise<unknown> = Promise.resolve();

function migrateSqlite(file: string, migrations: Migration[]): Promise<MigrateResult> {
  const run = sqliteTurn.then(() => migrateSqliteNow(file, migrations));
  sqliteTurn = run.catch(() => undefined);
  return run;
}

async function migrateSqliteNow(file: string, migrations: Migration[]): Promise<MigrateResult> {
  secureSqliteFiles(file);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(CREATE_TABLE);
    // IMMEDIATE takes the write lock up front, so a second process waits instead of applying twice.
    db.exec("BEGIN IMMEDIATE");
    try {
      const applied = db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)
        .all() as Applied[];
      const { pending, done } = plan(migrations, applied);
      const sql: StepSql = {
        provider: "sqlite",
        all: async <T>(q: string, params: unknown[] = []) => db.prepare(q).all(...params) as T[],
        run: async (q, params = []) => void db.prepare(q).run(...params),
      };
      for (const migration of pending) {
        for (const part of splitAtDataSteps(migration.sql)) {
          if ("sql" in part) db.exec(part.sql);
          else await part.step(sql, new Date());
        }
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at) VALUES (?, ?, CURRENT_TIMESTAMP, ?, 1, CURRENT_TIMESTAMP)`,
        ).run(randomUUID(), migration.checksum, migration.name);
      }
      db.exec("COMMIT");
      return { applied: pending.map((m) => m.name), alreadyApplied: done };
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}

// Prisma Migrate's own advisory lock key, so our migrator and `prisma migrate deploy` exclude each other.
const ADVISORY_LOCK = 72707369;

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<Applied>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const { pending, done } = plan(migrations, rows);
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        const sql: StepSql = {
          provider: "postgresql",
          all: async <T>(q: string, params: unknown[] = []) => (await client.query(numbered(q), params)).rows as T[],
          run: async (q, params = []) => void (await client.query(numbered(q), params)),
        };
        for (const part of splitAtDataSteps(migration.sql)) {
          if ("sql" in part) await client.query(part.sql);
          else await part.step(sql, new Date());
        }
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at) VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: done };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}
