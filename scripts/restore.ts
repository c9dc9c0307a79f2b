// `npm run restore -- <file>`: puts a backup in place of the SQLite database. Stop the portal first.
import { databaseConfig } from "@/lib/server/db/config";
import { restoreDatabase } from "@/lib/server/backup/restore-database";
import path from "node:path";
import { isAppError } from "@/lib/server/errors";

// npm runs scripts from the package folder; a relative path means the caller's folder (INIT_CWD).
const given = process.argv[2];
const source = given ? path.resolve(process.env.INIT_CWD ?? process.cwd(), given) : undefined;
if (!source) {
  console.error("Usage: npm run restore -- <file>   (with the portal stopped)");
  process.exit(2);
}
try {
  const result = await restoreDatabase({ config: databaseConfig(), source });
  const rows = Object.values(result.rowCounts).reduce((a, b) => a + b, 0);
  console.log(`[portal] restored ${source}: ${result.migrations.length} migrations, ${rows} rows`);
  if (result.previous) console.log(`[portal] the database it replaced is kept as ${result.previous}`);
  if (result.pending.length)
    console.log(
      `[portal] the next start applies ${result.pending.length} newer migration(s): ${result.pending.join(", ")}`,
    );
} catch (error) {
  console.error(
    `[portal] restore refused: ${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
