/**
 * The expiry thresholds (DESIGN.md §7 "Say it before it bites"): one table for the board, the expiry watch and
 * the notices. A certificate gets one notice per threshold, and only for the most urgent threshold it has
 * reached: a certificate first seen 20 days before expiry gets the 30-day notice, not the 90- and 60-day ones.
 */
export const EXPIRY_THRESHOLDS = [
  { code: "D90", days: 90, label: "in 90 days" },
  { code: "D60", days: 60, label: "in 60 days" },
  { code: "D30", days: 30, label: "in 30 days" },
  { code: "D14", days: 14, label: "in 14 days" },
  { code: "D7", days: 7, label: "in 7 days" },
  { code: "D1", days: 1, label: "tomorrow" },
  { code: "EXPIRED", days: 0, label: "expired" },
] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number];
export type ExpiryThresholdCode = ExpiryThreshold["code"];

const DAY_MS = 86_400_000;

/** Whole and fractional days from `now` to `notAfter` (negative once expired). */
export function daysLeft(notAfter: Date, now: Date): number {
  return (notAfter.getTime() - now.getTime()) / DAY_MS;
}

/**
 * The most urgent threshold `notAfter` has reached at `now`, or undefined while it is further away than the
 * first one. Expired means notAfter is not after now.
 */
export function reachedThreshold(notAfter: Date, now: Date): ExpiryThreshold | undefined {
  const left = daysLeft(notAfter, now);
  if (left <= 0) return EXPIRY_THRESHOLDS[EXPIRY_THRESHOLDS.length - 1];
  let reached: ExpiryThreshold | undefined;
  for (const threshold of EXPIRY_THRESHOLDS) if (threshold.days > 0 && left <= threshold.days) reached = threshold;
  return reached;
}

export function isExpiryThresholdCode(value: string): value is ExpiryThresholdCode {
  return EXPIRY_THRESHOLDS.some((t) => t.code === value);
}
