// `npm run --silent token -- --email <email> [--name <label>]`: prints a new API token for an existing
// user (operator command on the database; the token is shown once, stored only as a hash).
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseConfig } from "@/lib/server/db/config";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { ensureAuthSecret } from "./auth-secret.mjs";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email) {
  console.error("usage: npm run --silent token -- --email <email> [--name <label>]");
  process.exit(2);
}
ensureAuthSecret(path.resolve(import.meta.dirname, ".."));
const config = databaseConfig();
await migrate(config);
const db = createDb(config);
try {
  const user = await db.user.findUnique({
    where: { email: values.email.trim().toLowerCase() },
    select: { id: true, disabled: true },
  });
  if (!user || user.disabled) {
    console.error(`No active user with e-mail ${values.email}.`);
    process.exitCode = 1;
  } else {
    const { token } = await createApiToken({ db, userId: user.id, name: values.name ?? "created with npm run token" });
    console.log(token);
  }
} finally {
  await db.$disconnect();
}
