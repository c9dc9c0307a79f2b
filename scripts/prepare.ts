// Prepares the database before the server starts: applies pending migrations and, on an empty database,
// creates the first admin (see README "First run"). Run by scripts/start.mjs; safe to run repeatedly.
import { databaseConfig } from "@/lib/server/db/config";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { bootstrapAdmin } from "@/lib/server/users/bootstrap-admin";

const config = databaseConfig();
const result = await migrate(config);
const where = config.provider === "sqlite" ? config.file : "PostgreSQL";
console.log(`[portal] database ${where}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already in place`);

const db = createDb(config);
try {
  const admin = await bootstrapAdmin(db, { email: process.env.PORTAL_ADMIN_EMAIL, password: process.env.PORTAL_ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    console.log("");
    console.log("[portal] ================================================================");
    console.log(`[portal] First administrator created: ${admin.email}`);
    console.log(`[portal] Password (shown only this once): ${admin.generatedPassword}`);
    console.log("[portal] ================================================================");
    console.log("");
  } else if (admin.created) {
    console.log(`[portal] First administrator created from PORTAL_ADMIN_EMAIL: ${admin.email}`);
  }
} finally {
  await db.$disconnect();
}
