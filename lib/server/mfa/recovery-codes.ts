import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

/** `xxxx-xxxx-xxxx` from 6 random bytes: 48 bits each, enough for a one-time, throttled secret. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBytes(6).toString("hex").match(/.{4}/g)!.join("-"));
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code.trim().toLowerCase()).digest("hex");
}

export function looksLikeRecoveryCode(value: string): boolean {
  return /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/i.test(value.trim());
}
