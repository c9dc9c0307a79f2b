import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir, secureDirectory, secureFile, FILE_MODE } from "../db/data-files";

/**
 * The key that encrypts secrets at rest (the CA private key, TOTP secrets): its own random 32 bytes, never
 * derived from NEXTAUTH_SECRET, so one leaked value does not give both sessions and secrets.
 * PORTAL_CA_ENCRYPTION_KEY (base64 of 32 bytes) when set — every instance sharing a PostgreSQL database
 * needs the same one — or else `data/secrets-key`, generated once, 0600 (docs/decisions/009-secrets-key.md).
 */
export type SecretsKey = { key: Buffer; id: string; source: "environment" | "file" };

export function secretsKeyFile(cwd = process.cwd()): string {
  return path.join(defaultDataDir(cwd), "secrets-key");
}

/** A short public name for a key (SHA-256 prefix), stored beside each secret so a wrong key is named. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("tls-onboarding-portal secrets key id\n").update(key).digest("hex").slice(0, 16);
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new Error(`${where} must hold 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/** Reads (creating it on first use) the key; the file is tightened to 0600 if its mode is looser. */
export function loadSecretsKey(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): SecretsKey {
  if (env.PORTAL_CA_ENCRYPTION_KEY) {
    const key = decodeKey(env.PORTAL_CA_ENCRYPTION_KEY, "PORTAL_CA_ENCRYPTION_KEY");
    return { key, id: keyId(key), source: "environment" };
  }
  const file = secretsKeyFile(cwd);
  secureDirectory(path.dirname(file), cwd);
  if (!existsSync(file)) {
    try {
      // "wx": two processes starting together cannot both write one; the loser reads the winner's.
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: FILE_MODE, flag: "wx" });
      console.log(`[portal] generated the key for secrets at rest in ${file} (back it up apart from the database)`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  secureFile(file);
  const key = decodeKey(readFileSync(file, "utf8"), file);
  return { key, id: keyId(key), source: "file" };
}

let cached: SecretsKey | undefined;
/** The key of this process, loaded once. */
export function currentSecretsKey(): SecretsKey {
  cached ??= loadSecretsKey();
  return cached;
}
