// `npm run restore -- <file>`: puts a backup in place of the SQLite database. Stop the portal first.
import { databaseConfig } from "@/lib/server/db/config";
import { restoreDatabase } from "@/lib/server/backup/restore-database";
import { databaseFileCommand } from "./database-file-command";

await databaseFileCommand(
  "npm run restore -- <file>   (with the portal stopped)",
  "restore refused",
  async (source) => {
    const result = await restoreDatabase({ config: databaseConfig(), source });
    const rows = Object.values(result.rowCounts).reduce((a, b) => a + b, 0);
    console.log(`[portal] restored ${source}: ${result.migrations.length} migrations, ${rows} rows`);
    if (result.previous) console.log(`[portal] the database it replaced is kept as ${result.previous}`);
    if (result.pending.length)
      console.log(
        `[portal] the next start applies ${result.pending.length} newer migration(s): ${result.pending.join(", ")}`,
      );
  },
);
