/**
 * Retry policy of the outbox deliveries: exponential backoff from one minute, doubling, capped at six hours;
 * a delivery gives up after MAX_ATTEMPTS; a webhook is disabled after WEBHOOK_DISABLE_AFTER failed attempts
 * in a row (the organization is told by e-mail).
 */
export const MAX_ATTEMPTS = 8;
export const WEBHOOK_DISABLE_AFTER = 10;
const BASE_MS = 60_000;
const CAP_MS = 6 * 3_600_000;

/** Delay before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export function nextAttempt(now: Date, attempts: number): Date | undefined {
  return attempts >= MAX_ATTEMPTS ? undefined : new Date(now.getTime() + backoffMs(attempts));
}
