// The auth secret signs session cookies, so `npm start` and the scripts must use the same one: NEXTAUTH_SECRET,
// or the one generated once in data/auth-secret (0600, in the 0700 data folder, tightened if looser).
// Secrets at rest have their own key (data/secrets-key, lib/server/secrets/secrets-key.ts).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(root, env = process.env) {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const secretFile = path.join(root, "data", "auth-secret");
  mkdirSync(path.dirname(secretFile), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(secretFile), 0o700);
  if (!existsSync(secretFile)) {
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("[portal] generated an auth secret in data/auth-secret");
  }
  chmodSync(secretFile, 0o600);
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
  return env.NEXTAUTH_SECRET;
}
