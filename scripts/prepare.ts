// Prepares the database before the server starts: applies pending migrations, re-encrypts secrets still
// under the old NEXTAUTH_SECRET-derived key (migration 0007's data step) and, on an empty database,
// creates the first admin (see README "First run"). Run by scripts/start.mjs; safe to run repeatedly.
import { databaseConfig } from "@/lib/server/db/config";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { bootstrapAdmin } from "@/lib/server/users/bootstrap-admin";
import { reencryptSecrets } from "@/lib/server/secrets/reencrypt-secrets";
import { currentSecretsKey } from "@/lib/server/secrets/secrets-key";
import { parseOidcProviders, SsoConfigError } from "@/lib/assets/sso";

// A wrong single sign-on configuration stops the start here, saying which variable, instead of failing
// every sign-in later.
try {
  const providers = parseOidcProviders(process.env);
  if (providers.length)
    console.log(`[portal] single sign-on: ${providers.map((p) => `${p.id} → ${p.organization}`).join(", ")}`);
} catch (error) {
  if (!(error instanceof SsoConfigError)) throw error;
  console.error(`[portal] single sign-on configuration: ${error.message}`);
  process.exit(1);
}

const config = databaseConfig();
const result = await migrate(config);
const where = config.provider === "sqlite" ? config.file : "PostgreSQL";
console.log(
  `[portal] database ${where}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already in place`,
);

const db = createDb(config);
try {
  const key = currentSecretsKey();
  const reencrypted = await reencryptSecrets(db, { key });
  if (reencrypted.certificateAuthorities + reencrypted.totpSecrets > 0) {
    console.log(
      `[portal] re-encrypted ${reencrypted.certificateAuthorities} CA key(s) and ${reencrypted.totpSecrets} TOTP secret(s) under the secrets key (${key.source}, id ${key.id})`,
    );
  }
  const admin = await bootstrapAdmin(db, {
    email: process.env.PORTAL_ADMIN_EMAIL,
    password: process.env.PORTAL_ADMIN_PASSWORD,
  });
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
