import { KINDS, type AssetKind, type KindInfo } from "./kinds";

/**
 * Renewal with overlap (DESIGN.md §7 "overlap, never a gap"): the rules the upload form, the services and the
 * retire-versions job share. Time comes in as `now`.
 */

/**
 * The kind whose version in force an upload of `info` renews with overlap: the kind itself, or for a CSR the
 * certificate Thales issues from it. undefined: the kind replaces its old version at once (hosts).
 */
export function overlappingKind(info: KindInfo): AssetKind | undefined {
  if (info.overlap) return info.kind;
  return info.issuedAs && KINDS[info.issuedAs].overlap ? info.issuedAs : undefined;
}

/**
 * When the old version leaves once its renewal is in force: the customer's cut-over, never after the old
 * certificate's expiry (an expired certificate is in force for nobody); by default that expiry. undefined: at
 * once (the time has passed, or there is no date at all).
 */
export function retirementTime(options: {
  cutOverAt: Date | null;
  oldNotAfter: Date | null;
  now: Date;
}): Date | undefined {
  const { cutOverAt, oldNotAfter, now } = options;
  const at =
    cutOverAt && oldNotAfter ? (cutOverAt < oldNotAfter ? cutOverAt : oldNotAfter) : (cutOverAt ?? oldNotAfter);
  return at && at.getTime() > now.getTime() ? at : undefined;
}

/** Why a chosen cut-over is refused (it must be now or later), or undefined. */
export function cutOverProblem(cutOverAt: Date, now: Date): string | undefined {
  if (Number.isNaN(cutOverAt.getTime())) return "The cut-over is not a valid date.";
  return cutOverAt.getTime() < now.getTime() - 60_000 ? "The cut-over must be now or later." : undefined;
}

/**
 * Without a chosen cut-over, how long a Thales publication of a kind with overlap keeps the old one in force beside
 * the new (or less: until the old certificate's expiry, `retirementTime`). A month is one change window for
 * customers to install the new CA before Thales switches; a Thales CA is never dropped from a trust store at once.
 */
export const PUBLICATION_OVERLAP_DAYS = 30;

/** The cut-over a Thales publication gives the version it replaces: the chosen one, else PUBLICATION_OVERLAP_DAYS on. */
export function publicationCutOver(chosen: Date | null, now: Date): Date {
  return chosen ?? new Date(now.getTime() + PUBLICATION_OVERLAP_DAYS * 86_400_000);
}

/** Why a cut-over chosen for a publication of `info` is refused (a kind without overlap takes none), or undefined. */
export function publicationCutOverProblem(info: KindInfo, cutOverAt: Date, now: Date): string | undefined {
  if (!info.overlap) return `A new ${info.label.toLowerCase()} replaces the old one at once: it takes no cut-over.`;
  return cutOverProblem(cutOverAt, now);
}

/**
 * Rotation campaigns: a customer who has not acknowledged the new CA is reminded this many days before the
 * cut-over (one notice per threshold, the most urgent reached, as expiry notices are).
 */
export const CAMPAIGN_REMINDER_DAYS = [14, 7, 1] as const;
export type CampaignReminderStage = (typeof CAMPAIGN_REMINDER_DAYS)[number];

/** The reminder threshold a campaign has reached at `now` (undefined: too early, or the cut-over has passed). */
export function campaignReminderStage(cutOverAt: Date, now: Date): CampaignReminderStage | undefined {
  const left = cutOverAt.getTime() - now.getTime();
  if (left <= 0) return undefined;
  return [...CAMPAIGN_REMINDER_DAYS].sort((a, b) => a - b).find((days) => left <= days * 86_400_000);
}
