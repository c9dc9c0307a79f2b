// The auth secret signs sessions and (through HKDF) protects the stored CA key, so `npm start` and
// `npm run seed:demo` must use the same one: NEXTAUTH_SECRET, or the one generated once in data/auth-secret.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(root, env = process.env) {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const secretFile = path.join(root, "data", "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("[portal] generated an auth secret in data/auth-secret");
  }
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
  return env.NEXTAUTH_SECRET;
}
