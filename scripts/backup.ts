// `npm run backup -- <file>`: a consistent online copy of the SQLite database, while the portal serves.
import { databaseConfig } from "@/lib/server/db/config";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import { databaseFileCommand } from "./database-file-command";

await databaseFileCommand("npm run backup -- <file>", "backup failed", async (target) => {
  const summary = await backupDatabase({ config: databaseConfig(), target });
  const rows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
  console.log(
    `[portal] backup written to ${target}: ${summary.migrations.length} migrations, ${rows} rows, integrity ok`,
  );
});
