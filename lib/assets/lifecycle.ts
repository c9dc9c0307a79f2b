import type { Environment } from "@/lib/pki";

/**
 * The lifecycle of an asset version as data (DESIGN.md §3, STYLE.md §9). Services apply a transition
 * with `where: { id, state: from }`, in one transaction with its audit event, so two concurrent requests
 * cannot both move the same version.
 *
 * Customer-provided: SUBMITTED → (PRD first approval) IN_REVIEW → APPROVED | REJECTED; a CSR then ISSUED;
 * SUPERSEDED when a newer version takes over; WITHDRAWN by the customer before any review.
 * Thales-provided: PUBLISHED → ACKNOWLEDGED by the customer → SUPERSEDED.
 * An issued client certificate (PUBLISHED, ACKNOWLEDGED, SUPERSEDED) is REVOKED by Thales, directly or after the
 * customer asked (REVOCATION_REQUESTED, still in force until Thales confirms or declines).
 */
export const STATES = ["SUBMITTED", "IN_REVIEW", "APPROVED", "REJECTED", "ISSUED", "SUPERSEDED", "WITHDRAWN", "PUBLISHED", "ACKNOWLEDGED", "REVOCATION_REQUESTED", "REVOKED"] as const;
export type VersionState = (typeof STATES)[number];

export const EVENTS = ["APPROVE_PARTIAL", "APPROVE_FINAL", "REJECT", "WITHDRAW", "ISSUE", "SUPERSEDE", "ACKNOWLEDGE", "REQUEST_REVOCATION", "DECLINE_REVOCATION", "REVOKE"] as const;
export type LifecycleEvent = (typeof EVENTS)[number];

export const TRANSITIONS: Record<LifecycleEvent, Partial<Record<VersionState, VersionState>>> = {
  APPROVE_PARTIAL: { SUBMITTED: "IN_REVIEW" },
  APPROVE_FINAL: { SUBMITTED: "APPROVED", IN_REVIEW: "APPROVED" },
  REJECT: { SUBMITTED: "REJECTED", IN_REVIEW: "REJECTED" },
  WITHDRAW: { SUBMITTED: "WITHDRAWN" },
  ISSUE: { APPROVED: "ISSUED" },
  SUPERSEDE: { APPROVED: "SUPERSEDED", ISSUED: "SUPERSEDED", PUBLISHED: "SUPERSEDED", ACKNOWLEDGED: "SUPERSEDED" },
  ACKNOWLEDGE: { PUBLISHED: "ACKNOWLEDGED" },
  REQUEST_REVOCATION: { PUBLISHED: "REVOCATION_REQUESTED", ACKNOWLEDGED: "REVOCATION_REQUESTED" },
  // Declining returns the certificate to ACKNOWLEDGED: a customer who asked has seen it.
  DECLINE_REVOCATION: { REVOCATION_REQUESTED: "ACKNOWLEDGED" },
  REVOKE: { PUBLISHED: "REVOKED", ACKNOWLEDGED: "REVOKED", SUPERSEDED: "REVOKED", REVOCATION_REQUESTED: "REVOKED" },
};

export type Transition = { ok: true; from: VersionState; to: VersionState } | { ok: false; from: VersionState; event: LifecycleEvent };

export function transition(from: VersionState, event: LifecycleEvent): Transition {
  const to = TRANSITIONS[event][from];
  return to ? { ok: true, from, to } : { ok: false, from, event };
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
export const IN_FORCE: readonly VersionState[] = ["APPROVED", "ISSUED", "PUBLISHED", "ACKNOWLEDGED", "REVOCATION_REQUESTED"];
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
};
