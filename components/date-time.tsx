import { formatUtc, relativeTime } from "@/lib/assets/time-format";

/**
 * A point in time as the whole portal prints it: `2027-12-01 19:39 UTC (in 11 months)` (lib/assets/time-format.ts).
 * `relative={false}` for dense tables where the age adds nothing.
 *
 * Hydration: the UTC text is the same on any machine; only the relative part depends on "now". Pages are server
 * components, so this renders once, on the server, with the page's `now` (pass it: one clock for the whole page).
 * A client component that shows a date it received as a prop must pass the server's `now` along with it (as an ISO
 * string), so that its server render and its hydration compute the same words. Only dates a client component
 * creates after hydration (a check report returned by a server action) may omit `now` and read the browser's clock.
 */
export function DateTime({ at, relative = true, now }: { at: Date | string; relative?: boolean; now?: Date | string }) {
  const date = typeof at === "string" ? new Date(at) : at;
  const iso = Number.isNaN(date.getTime()) ? String(at) : date.toISOString();
  const rel = relative ? relativeTime(date, now === undefined ? new Date() : new Date(now)) : "";
  return (
    <time dateTime={iso} data-testid="date-time">
      {formatUtc(date)}
      {rel && <span className="text-slate-600"> ({rel})</span>}
    </time>
  );
}
