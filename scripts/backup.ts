// `npm run backup -- <file>`: a consistent online copy of the SQLite database, while the portal serves.
import { databaseConfig } from "@/lib/server/db/config";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import path from "node:path";
import { isAppError } from "@/lib/server/errors";

// npm runs scripts from the package folder; a relative path means the caller's folder (INIT_CWD).
const given = process.argv[2];
const target = given ? path.resolve(process.env.INIT_CWD ?? process.cwd(), given) : undefined;
if (!target) {
  console.error("Usage: npm run backup -- <file>");
  process.exit(2);
}
try {
  const summary = await backupDatabase({ config: databaseConfig(), target });
  const rows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
  console.log(
    `[portal] backup written to ${target}: ${summary.migrations.length} migrations, ${rows} rows, integrity ok`,
  );
} catch (error) {
  console.error(
    `[portal] backup failed: ${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
