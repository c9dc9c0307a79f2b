/**
 * Expiry thresholds, in one table (DESIGN §7: "every expiry threshold (90/60/30/14/7/1 days, expired) reaches
 * the people concerned"). The readiness board, the checker's "expires soon" warning and the notifications
 * read their days from here.
 */
export const DAY_MS = 86_400_000;

export const EXPIRY_THRESHOLDS = [
  { days: 90, board: true },
  { days: 60, board: false },
  { days: 30, board: true },
  { days: 14, board: false },
  { days: 7, board: false },
  { days: 1, board: false },
] as const;

export type ExpiryThresholdDays = (typeof EXPIRY_THRESHOLDS)[number]["days"];

/** The threshold below which the checker warns (CERTIFICATE_EXPIRES_SOON) and the board shows red. */
export const EXPIRES_SOON_DAYS: ExpiryThresholdDays = 30;

export type BoardExpiryDays = Extract<(typeof EXPIRY_THRESHOLDS)[number], { board: true }>["days"];

/** The thresholds the readiness board flags, largest first (90, 30). */
export const BOARD_EXPIRY_DAYS: readonly BoardExpiryDays[] = EXPIRY_THRESHOLDS.flatMap((t) =>
  t.board ? [t.days] : [],
);

const ALL_DAYS: readonly ExpiryThresholdDays[] = EXPIRY_THRESHOLDS.map((t) => t.days);

/** "expired" once notAfter is past, else the smallest threshold the remaining time is within, else undefined. */
export type ExpiryStage = "expired" | ExpiryThresholdDays;

/** Time left until notAfter, in (fractional) days; negative once expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return (notAfter.getTime() - now.getTime()) / DAY_MS;
}

/** The stage of `notAfter` at `now`, among `thresholds` (all of them by default); bounds inclusive. */
export function expiryStage<D extends ExpiryThresholdDays = ExpiryThresholdDays>(
  notAfter: Date,
  now: Date,
  thresholds: readonly D[] = ALL_DAYS as readonly D[],
): "expired" | D | undefined {
  const left = notAfter.getTime() - now.getTime();
  if (left < 0) return "expired";
  let stage: D | undefined;
  for (const days of thresholds) if (left <= days * DAY_MS && (stage === undefined || days < stage)) stage = days;
  return stage;
}
