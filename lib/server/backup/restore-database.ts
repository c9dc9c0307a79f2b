import "server-only";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DatabaseConfig } from "../db/config";
import { loadMigrations, migrationsDir, type Migration } from "../db/migrate";
import { AppError } from "../errors";
import { describeBackup, type BackupSummary } from "./describe-backup";

export type RestoreDatabaseOptions = { config: DatabaseConfig; source: string; migrations?: Migration[]; now?: Date };
export type RestoreResult = BackupSummary & { previous?: string; pending: string[] };

/**
 * Puts a backup made by backupDatabase in place of the SQLite database, with the portal stopped. Refused:
 * a running portal on this database (scripts/serve.mjs keeps a "<db>.serving" marker with its pid), a
 * file that is not an intact portal database, and one from a newer schema (a migration this build does
 * not know, or one whose SQL differs). The database it replaces is kept as "<db>.before-restore-<time>".
 * An older backup is fine: the next start applies the migrations it lacks (listed in `pending`).
 */
export async function restoreDatabase(options: RestoreDatabaseOptions): Promise<RestoreResult> {
  const { config } = options;
  if (config.provider !== "sqlite")
    throw new AppError(
      "INVALID_INPUT",
      'This portal runs on PostgreSQL: restore it with pg_restore (README, "Backup and restore").',
    );
  const source = path.resolve(options.source);
  if (!existsSync(source)) throw new AppError("NOT_FOUND", `No backup file at ${source}.`);
  const servingPid = runningPortal(config.file);
  if (servingPid)
    throw new AppError(
      "CONFLICT",
      `A portal (pid ${servingPid}) is serving ${config.file}: stop it first, then restore.`,
    );

  let summary: BackupSummary;
  try {
    summary = describeBackup(source);
  } catch {
    throw new AppError("INVALID_INPUT", `${source} is not a SQLite database.`);
  }
  if (!summary.integrityOk) throw new AppError("INVALID_INPUT", `${source} fails SQLite's integrity check.`);
  if (!summary.migrations.length)
    throw new AppError("INVALID_INPUT", `${source} is not a portal database (no migrations recorded).`);
  const known = options.migrations ?? loadMigrations(migrationsDir("sqlite"));
  const unknown = summary.migrations.filter((name) => !known.some((m) => m.name === name));
  if (unknown.length)
    throw new AppError(
      "INVALID_INPUT",
      `${source} comes from a newer version of the portal (migrations ${unknown.join(", ")}): upgrade the portal first, then restore.`,
    );
  const differing = differingChecksums(source, known);
  if (differing.length)
    throw new AppError(
      "INVALID_INPUT",
      `${source} was migrated with different SQL for ${differing.join(", ")}: it comes from another build.`,
    );

  mkdirSync(path.dirname(config.file), { recursive: true });
  const incoming = `${config.file}.restoring`;
  rmSync(incoming, { force: true });
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(incoming, { progress: () => 0x7fffffff });
  } finally {
    from.close();
  }
  let previous: string | undefined;
  if (existsSync(config.file)) {
    previous = `${config.file}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, "-")}`;
    // Fold the write-ahead log into the old file first, so what is kept aside is whole.
    const old = new Database(config.file);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    renameSync(config.file, previous);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(config.file + suffix, { force: true });
  renameSync(incoming, config.file);
  return {
    ...summary,
    previous,
    pending: known.map((m) => m.name).filter((name) => !summary.migrations.includes(name)),
  };
}

function differingChecksums(file: string, known: Migration[]): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)
      .all() as { migration_name: string; checksum: string }[];
    return rows
      .filter((row) => known.find((m) => m.name === row.migration_name)?.checksum !== row.checksum)
      .map((row) => row.migration_name);
  } finally {
    db.close();
  }
}

/** The pid in the serving marker, if that process is alive (a marker left by a killed portal is ignored). */
function runningPortal(file: string): number | undefined {
  const marker = `${file}.serving`;
  if (!existsSync(marker)) return undefined;
  const pid = Number(readFileSync(marker, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
