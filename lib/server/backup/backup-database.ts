import "server-only";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DatabaseConfig } from "../db/config";
import { AppError } from "../errors";
import { describeBackup, type BackupSummary } from "./describe-backup";

export type BackupDatabaseOptions = { config: DatabaseConfig; target: string };

/**
 * An online, consistent copy of the SQLite database while the portal serves (SQLite's backup API through
 * better-sqlite3). All pages are copied in one step inside one read transaction, so writers (WAL mode)
 * keep going and the copy is the database as of one instant; a copy made in small steps would restart
 * whenever another connection writes, and might never finish under load. The copy is written beside the
 * target and renamed into place once its integrity check passes, so a failed backup leaves no half file.
 * PostgreSQL is backed up with pg_dump (README "Backup and restore").
 */
export async function backupDatabase({ config, target }: BackupDatabaseOptions): Promise<BackupSummary> {
  if (config.provider !== "sqlite")
    throw new AppError(
      "INVALID_INPUT",
      'This portal runs on PostgreSQL: back it up with pg_dump (README, "Backup and restore").',
    );
  if (!existsSync(config.file)) throw new AppError("NOT_FOUND", `No database at ${config.file}.`);
  const destination = path.resolve(target);
  if (destination === path.resolve(config.file))
    throw new AppError("INVALID_INPUT", "The backup file cannot be the database itself.");
  if (existsSync(destination)) throw new AppError("CONFLICT", `${destination} exists already; choose a new file name.`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(config.file, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 10000");
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const summary = describeBackup(partial);
  if (!summary.integrityOk) {
    rmSync(partial, { force: true });
    throw new Error("The copy failed its integrity check; nothing was written.");
  }
  renameSync(partial, destination);
  return summary;
}
