import { KINDS, isCustomerKind, trustedKinds, type AssetKind } from "./kinds";
import { AWAITING_REVIEW, IN_FORCE, type VersionState } from "./lifecycle";

/**
 * A customer's CA change notice (issue 12 item 3, the reference pages' "Notify Thales in advance before you
 * change any CA"): the rules the form, the API and the services share. Time comes in as `now`; the notice and
 * grace periods come from the server's configuration (lib/server/ca-changes/ca-change-config.ts).
 */

const DAY = 86_400_000;

/**
 * What a CA change brings: the customer's kinds the Thales backend trusts to call them (their server chain and
 * trust store), from the kind table. Those required on every connection must come with the change; the others
 * (the trust store, needed only for a private CA) may.
 */
export const CA_CHANGE_KINDS: readonly AssetKind[] = trustedKinds("thales-backend").filter(isCustomerKind);
export const caChangeKindRequired = (kind: AssetKind): boolean => KINDS[kind].required === true;

/** The earliest day a change may be announced for: `noticeDays` whole days after today (UTC). */
export function earliestChangeAt(now: Date, noticeDays: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + noticeDays * DAY);
}

/** Why a change date is refused (not a date, or less than the notice ahead), or undefined. */
export function changeDateProblem(changeAt: Date, now: Date, noticeDays: number): string | undefined {
  if (Number.isNaN(changeAt.getTime())) return "The change date is not a valid date.";
  const earliest = earliestChangeAt(now, noticeDays);
  if (changeAt.getTime() < earliest.getTime())
    return `A CA change is announced at least ${noticeDays} day${noticeDays === 1 ? "" : "s"} ahead: choose ${earliest.toISOString().slice(0, 10)} or later.`;
  return undefined;
}

/** When the old chain and trust store leave every export: the change date plus the grace period. */
export function caChangeRetireAt(changeAt: Date, graceDays: number): Date {
  return new Date(changeAt.getTime() + graceDays * DAY);
}

export type CaChangeStatus = "in-review" | "rejected" | "withdrawn" | "overlap" | "done";

/**
 * Where a change stands, from its versions' states (it has no state of its own: every move is a version's,
 * through the lifecycle table): refused if any was rejected or withdrawn; in review until all are approved;
 * then old and new are both in force until `retireAt`, after which it is done.
 */
export function caChangeStatus(states: readonly VersionState[], retireAt: Date, now: Date): CaChangeStatus {
  if (states.includes("REJECTED")) return "rejected";
  if (states.includes("WITHDRAWN")) return "withdrawn";
  if (states.some((s) => AWAITING_REVIEW.includes(s))) return "in-review";
  return states.every((s) => IN_FORCE.includes(s)) && now.getTime() < retireAt.getTime() ? "overlap" : "done";
}

export const CA_CHANGE_STATUS_LABELS: Record<CaChangeStatus, string> = {
  "in-review": "In review",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  overlap: "Approved: old and new trusted",
  done: "Done",
};
