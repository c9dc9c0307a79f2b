import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { currentSecretsKey, type SecretsKey } from "../secrets/secrets-key";

/**
 * Secrets at rest (the CA private key, TOTP secrets) are stored encrypted with AES-256-GCM under the
 * secrets key (lib/server/secrets/secrets-key.ts) as `v2.<key id>.<iv>.<tag>.<ciphertext>`: the key id
 * lets a wrong key be named instead of failing as "corrupt". `v1.` values (key derived from
 * NEXTAUTH_SECRET, before migration 0007) are re-encrypted by scripts/prepare.ts and refused here.
 */
export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsKeyError";
  }
}

export function encryptKey(plaintext: string, secretsKey: SecretsKey = currentSecretsKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey.key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v2",
    secretsKey.id,
    iv.toString("base64"),
    cipher.getAuthTag().toString("base64"),
    body.toString("base64"),
  ].join(".");
}

function open(key: Buffer, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}

/** The key id a stored value was encrypted under ("legacy" for v1 values). */
export function storedKeyId(stored: string): string | "legacy" | undefined {
  const [version, id] = stored.split(".");
  return version === "v2" ? id : version === "v1" ? "legacy" : undefined;
}

export function decryptKey(stored: string, secretsKey: SecretsKey = currentSecretsKey()): string {
  const parts = stored.split(".");
  if (parts[0] === "v1")
    throw new SecretsKeyError(
      "A secret is still encrypted with the key derived from NEXTAUTH_SECRET: run `npm start` (scripts/prepare.ts) once to re-encrypt it.",
    );
  const [version, id, iv, tag, body] = parts;
  if (version !== "v2" || !id || !iv || !tag || !body) throw new SecretsKeyError("Unknown encoding of a stored secret");
  if (id !== secretsKey.id)
    throw new SecretsKeyError(
      `A secret was encrypted with another key (id ${id}; this instance has ${secretsKey.id}): give every instance the same PORTAL_CA_ENCRYPTION_KEY or data/secrets-key.`,
    );
  return open(secretsKey.key, iv, tag, body);
}

/**
 * For the re-encryption of v1 values only: they were encrypted under PORTAL_CA_ENCRYPTION_KEY itself when
 * it was set, or else under HKDF(NEXTAUTH_SECRET); the GCM tag tells which one fits.
 */
export function decryptLegacy(stored: string, env: Record<string, string | undefined> = process.env): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new SecretsKeyError("Not a v1 secret");
  const candidates: Buffer[] = [];
  if (env.PORTAL_CA_ENCRYPTION_KEY) candidates.push(Buffer.from(env.PORTAL_CA_ENCRYPTION_KEY, "base64"));
  if (env.NEXTAUTH_SECRET)
    candidates.push(
      Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "tls-onboarding-portal", "ca-private-key-encryption", 32)),
    );
  for (const key of candidates.filter((k) => k.length === 32)) {
    try {
      return open(key, iv, tag, body);
    } catch {
      // not this one
    }
  }
  throw new SecretsKeyError(
    "A v1 secret cannot be decrypted: it needs the NEXTAUTH_SECRET (or PORTAL_CA_ENCRYPTION_KEY) it was stored with.",
  );
}
