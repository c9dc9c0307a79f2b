import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * The CA private key is stored encrypted (AES-256-GCM). The key comes from the environment:
 * PORTAL_CA_ENCRYPTION_KEY (32 bytes, base64), or else derived with HKDF from NEXTAUTH_SECRET, which every
 * instance already shares. Losing that secret makes the stored CA key unreadable (docs/decisions/003-ca-key.md).
 */
function encryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.PORTAL_CA_ENCRYPTION_KEY) {
    const key = Buffer.from(env.PORTAL_CA_ENCRYPTION_KEY, "base64");
    if (key.length !== 32) throw new Error("PORTAL_CA_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    return key;
  }
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("Set NEXTAUTH_SECRET or PORTAL_CA_ENCRYPTION_KEY to protect the CA key");
  return Buffer.from(hkdfSync("sha256", secret, "tls-onboarding-portal", "ca-private-key-encryption", 32));
}

export function encryptKey(plaintextPem: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(plaintextPem, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

export function decryptKey(stored: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("Unknown CA key encoding");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}
