// `npm run seed:demo`: adds the demo organizations and users (README "Demo data"). Idempotent.
import { databaseConfig } from "@/lib/server/db/config";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "@/lib/server/seed/demo-data";

const config = databaseConfig();
await migrate(config);
const db = createDb(config);
try {
  const result = await seedDemo(db);
  console.log(`[seed] demo data: ${result.organizations} organization(s) and ${result.users} user(s) added`);
  console.log(`[seed] demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
} finally {
  await db.$disconnect();
}
