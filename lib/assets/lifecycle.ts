import type { Environment } from "@/lib/pki";
import type { Direction } from "./kind-table";

/**
 * The lifecycle of an asset version as data (DESIGN.md §3, STYLE.md §9). Services apply a transition
 * with `where: { id, state: from }`, in one transaction with its audit event, so two concurrent requests
 * cannot both move the same version.
 *
 * Customer-provided: SUBMITTED → (PRD first approval) IN_REVIEW → APPROVED | REJECTED; a CSR then ISSUED;
 * SUPERSEDED when a newer version takes over; WITHDRAWN by the customer until the review is final (a PRD version
 * holding one of its two approvals too: the approval stays in its history).
 * Thales-provided: PUBLISHED → ACKNOWLEDGED by the customer → SUPERSEDED.
 * Renewal with overlap (kinds with `overlap` in the kind table): when a new version comes in force, the old one
 * OVERLAPs into RETIRING (still in force, beside it, until its `retireAt` cut-over), and the retire-versions job
 * RETIREs it to SUPERSEDED at that time.
 * An issued client certificate (PUBLISHED, ACKNOWLEDGED, SUPERSEDED) is REVOKED by Thales, directly or after the
 * customer asked (REVOCATION_REQUESTED, still in force until Thales confirms or declines).
 */
export const STATES = [
  "SUBMITTED",
  "IN_REVIEW",
  "APPROVED",
  "REJECTED",
  "ISSUED",
  "SUPERSEDED",
  "WITHDRAWN",
  "PUBLISHED",
  "ACKNOWLEDGED",
  "REVOCATION_REQUESTED",
  "REVOKED",
  "RETIRING",
] as const;
export type VersionState = (typeof STATES)[number];

export const EVENTS = [
  "APPROVE_PARTIAL",
  "APPROVE_FINAL",
  "REJECT",
  "WITHDRAW",
  "ISSUE",
  "SUPERSEDE",
  "ACKNOWLEDGE",
  "REQUEST_REVOCATION",
  "DECLINE_REVOCATION",
  "REVOKE",
  "OVERLAP",
  "RETIRE",
] as const;
export type LifecycleEvent = (typeof EVENTS)[number];

export const TRANSITIONS: Record<LifecycleEvent, Partial<Record<VersionState, VersionState>>> = {
  APPROVE_PARTIAL: { SUBMITTED: "IN_REVIEW" },
  APPROVE_FINAL: { SUBMITTED: "APPROVED", IN_REVIEW: "APPROVED" },
  REJECT: { SUBMITTED: "REJECTED", IN_REVIEW: "REJECTED" },
  WITHDRAW: { SUBMITTED: "WITHDRAWN", IN_REVIEW: "WITHDRAWN" },
  ISSUE: { APPROVED: "ISSUED" },
  SUPERSEDE: { APPROVED: "SUPERSEDED", ISSUED: "SUPERSEDED", PUBLISHED: "SUPERSEDED", ACKNOWLEDGED: "SUPERSEDED" },
  ACKNOWLEDGE: { PUBLISHED: "ACKNOWLEDGED" },
  REQUEST_REVOCATION: { PUBLISHED: "REVOCATION_REQUESTED", ACKNOWLEDGED: "REVOCATION_REQUESTED" },
  // Declining returns the certificate to ACKNOWLEDGED: a customer who asked has seen it.
  DECLINE_REVOCATION: { REVOCATION_REQUESTED: "ACKNOWLEDGED" },
  REVOKE: {
    PUBLISHED: "REVOKED",
    ACKNOWLEDGED: "REVOKED",
    SUPERSEDED: "REVOKED",
    REVOCATION_REQUESTED: "REVOKED",
    RETIRING: "REVOKED",
  },
  // A renewal came in force: the old version stays in force beside it until the cut-over (retireAt).
  OVERLAP: { APPROVED: "RETIRING", ISSUED: "RETIRING", PUBLISHED: "RETIRING", ACKNOWLEDGED: "RETIRING" },
  // The cut-over passed (the retire-versions job).
  RETIRE: { RETIRING: "SUPERSEDED" },
};

export type Transition =
  { ok: true; from: VersionState; to: VersionState } | { ok: false; from: VersionState; event: LifecycleEvent };

export function transition(from: VersionState, event: LifecycleEvent): Transition {
  const to = TRANSITIONS[event][from];
  return to ? { ok: true, from, to } : { ok: false, from, event };
}

/** Whether the table allows `event` from `state`: what a page offers is what the service will accept. */
export function allows(state: VersionState, event: LifecycleEvent): boolean {
  return TRANSITIONS[event][state] !== undefined;
}

/** The states from which `event` may move a version (what an asset-level command looks for). */
export function statesAllowing(event: LifecycleEvent): VersionState[] {
  return STATES.filter((state) => TRANSITIONS[event][state] !== undefined);
}

export function isVersionState(value: string): value is VersionState {
  return (STATES as readonly string[]).includes(value);
}

/** Four-eyes: Production needs two distinct Thales approvers, PreProd one. */
export function requiredApprovals(environment: Environment): number {
  return environment === "PRD" ? 2 : 1;
}

/** Which approval event a new approval makes, given how many distinct approvals there were before it. */
export function approvalEvent(environment: Environment, approvalsBefore: number): LifecycleEvent {
  return approvalsBefore + 1 >= requiredApprovals(environment) ? "APPROVE_FINAL" : "APPROVE_PARTIAL";
}

/** States in which a version is the one in force for its asset. */
export const IN_FORCE: readonly VersionState[] = [
  "APPROVED",
  "ISSUED",
  "PUBLISHED",
  "ACKNOWLEDGED",
  "REVOCATION_REQUESTED",
  "RETIRING",
];
/**
 * States whose certificates get expiry notices: in force, not yet renewed. A RETIRING version already has its
 * successor in force and leaves at its cut-over, so a "renew it" notice would ask for work that is done.
 */
export const EXPIRY_WATCHED: readonly VersionState[] = IN_FORCE.filter((state) => state !== "RETIRING");
/**
 * States of the version a check compares against: the newest still in play (submitted, in review or in force),
 * i.e. what will be in force once reviews are done; rejected, withdrawn and superseded versions are out.
 */
export const IN_PLAY: readonly VersionState[] = [
  "SUBMITTED",
  "IN_REVIEW",
  "APPROVED",
  "ISSUED",
  "PUBLISHED",
  "ACKNOWLEDGED",
];
/**
 * Whether a version's files are offered for download: never a revoked certificate; of what Thales gives the
 * customer to install, only versions in force (both during a renewal's overlap, the new one alone after the
 * cut-over). What the customer sent stays downloadable as the record of what was reviewed.
 */
export function downloadOffered(direction: Direction, state: VersionState): boolean {
  if (state === "REVOKED") return false;
  return direction === "CUSTOMER_TO_THALES" || IN_FORCE.includes(state);
}

/** States waiting for a Thales reviewer. */
export const AWAITING_REVIEW: readonly VersionState[] = ["SUBMITTED", "IN_REVIEW"];

export const STATE_LABELS: Record<VersionState, string> = {
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review (1 of 2 approvals)",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  ISSUED: "Issued",
  SUPERSEDED: "Superseded",
  WITHDRAWN: "Withdrawn",
  PUBLISHED: "Published",
  ACKNOWLEDGED: "Acknowledged",
  REVOCATION_REQUESTED: "Revocation requested",
  REVOKED: "Revoked",
  RETIRING: "In force until cut-over",
};

/**
 * A version number (`seq`, from 1) written in a URL or cursor, or undefined: digits only, no sign, exponent or
 * leading zero, at most nine of them, so it is always a safe integer.
 */
export function parseSeq(text: string): number | undefined {
  return /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : undefined;
}
