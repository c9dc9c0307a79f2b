import "server-only";
import Database from "better-sqlite3";

export type BackupSummary = { migrations: string[]; rowCounts: Record<string, number>; integrityOk: boolean };

/** What a SQLite database file holds: applied migrations, rows per table, and whether it is intact. */
export function describeBackup(file: string): BackupSummary {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrityOk = (db.pragma("integrity_check", { simple: true }) as string) === "ok";
    const tables = (
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[]
    ).map((t) => t.name);
    const rowCounts: Record<string, number> = {};
    for (const table of tables)
      rowCounts[table] = (
        db.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }
      ).n;
    const migrations = tables.includes("_prisma_migrations")
      ? (
          db
            .prepare(
              `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
            )
            .all() as { migration_name: string }[]
        ).map((m) => m.migration_name)
      : [];
    return { migrations, rowCounts, integrityOk };
  } finally {
    db.close();
  }
}
