import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** `tlsp_` + 32 random bytes base64url: recognizable in logs and secret scanners, 256 bits of entropy. */
export const TOKEN_PREFIX = "tlsp_";

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Tokens are high-entropy, so a fast hash is enough (no salt or stretching needed, unlike passwords). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
