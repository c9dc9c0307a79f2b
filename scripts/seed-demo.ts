// `npm run seed:demo`: adds the demo organizations and users (README "Demo data"). Idempotent.
import path from "node:path";
import { databaseConfig } from "@/lib/server/db/config";
import { ensureAuthSecret } from "./auth-secret.mjs";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "@/lib/server/seed/demo-data";

ensureAuthSecret(path.resolve(import.meta.dirname, ".."));
const config = databaseConfig();
await migrate(config);
const db = createDb(config);
try {
  const result = await seedDemo(db);
  console.log(
    `[seed] demo data: ${result.organizations} organization(s) and ${result.users} user(s) added${result.assets ? ", identifiers and exchanges created" : ""}`,
  );
  console.log(`[seed] demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
} finally {
  await db.$disconnect();
}
