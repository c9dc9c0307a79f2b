/**
 * The one way the portal prints a point in time (issue 15): UTC to the minute, `2027-12-01 19:39 UTC`, with how far
 * it is from now in words (`in 11 months`, `3 days ago`). Pure: `now` comes in, so pages and tests agree.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** `2027-12-01 19:39 UTC`; a string is read as an ISO 8601 date (as reports store them). */
export function formatUtc(at: Date | string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `in 11 months`, `3 days ago`, `now`: the largest unit that is at least one, rounded. */
export function relativeTime(at: Date | string, now: Date): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const ms = d.getTime() - now.getTime();
  if (Number.isNaN(ms)) return "";
  const abs = Math.abs(ms);
  if (abs < MINUTE) return "now";
  if (abs < HOUR) return relative.format(Math.round(ms / MINUTE), "minute");
  if (abs < DAY) return relative.format(Math.round(ms / HOUR), "hour");
  if (abs < 30 * DAY) return relative.format(Math.round(ms / DAY), "day");
  if (abs < 365 * DAY) return relative.format(Math.round(ms / (30.44 * DAY)), "month");
  return relative.format(Math.round(ms / (365.25 * DAY)), "year");
}

/** Both: `2027-12-01 19:39 UTC (in 11 months)`. */
export function formatWhen(at: Date | string, now: Date): string {
  const rel = relativeTime(at, now);
  return rel ? `${formatUtc(at)} (${rel})` : formatUtc(at);
}
