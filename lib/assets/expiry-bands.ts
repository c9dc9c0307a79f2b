/**
 * Days-to-expiry bands for certificates in force, on the notice thresholds of DESIGN.md §7 (90/60/30/14/7/1
 * days, expired). One table, so metrics, notices and the board band the same way.
 */
export const EXPIRY_BANDS = [
  { band: "expired", maxDays: 0 },
  { band: "1d", maxDays: 1 },
  { band: "7d", maxDays: 7 },
  { band: "14d", maxDays: 14 },
  { band: "30d", maxDays: 30 },
  { band: "60d", maxDays: 60 },
  { band: "90d", maxDays: 90 },
  { band: "later", maxDays: Infinity },
] as const;
export type ExpiryBand = (typeof EXPIRY_BANDS)[number]["band"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The band of a certificate: "expired" at or after notAfter, else the first band whose limit it is within. */
export function expiryBand(notAfter: Date, now: Date): ExpiryBand {
  const msLeft = notAfter.getTime() - now.getTime();
  if (msLeft <= 0) return "expired";
  const days = msLeft / DAY_MS;
  return EXPIRY_BANDS.find((entry) => entry.maxDays > 0 && days <= entry.maxDays)!.band;
}
