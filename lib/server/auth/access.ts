import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";

/**
 * What a signed-in user may not do yet, checked by every guard (pages, server actions, route handlers and
 * API tokens alike): a user with a one-time password may only choose a password (and sign out); a staff
 * user without a second factor may only enrol one. Each flow names what it allows.
 */
export type Allowance = { allowMfaEnrolment?: boolean; allowPasswordChange?: boolean };
export type Refusal = "password-change-required" | "mfa-enrolment-required" | "session-ended";

export const REFUSAL_MESSAGES: Record<Refusal, string> = {
  "password-change-required": "Choose your own password first (Account → Password).",
  "mfa-enrolment-required": "Set up two-factor authentication first (Account → Two-factor authentication).",
  "session-ended": "Your session has ended. Sign in again.",
};

/** The password comes first: enrolment happens once the user holds an account only they know. */
export function accessRefusal(actor: Actor, allow: Allowance = {}): Refusal | undefined {
  if (actor.mustChangePassword && !allow.allowPasswordChange) return "password-change-required";
  if (actor.mfaEnrolmentRequired && !allow.allowMfaEnrolment) return "mfa-enrolment-required";
  return undefined;
}

/** Every refusal leaves a row: who (if known), why, through what, and from where. */
export async function auditRefusal(
  db: Db,
  input: {
    actor?: Pick<Actor, "id" | "email" | "role" | "organizationId"> | null;
    reason: Refusal | string;
    via: string;
    origin?: RequestOrigin;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(db, {
    action: "auth.refused",
    actor: input.actor ?? null,
    details: { reason: input.reason, via: input.via, ...input.details },
    origin: input.origin,
  }).catch((error) => {
    // A refusal must still be refused when the audit write fails; say so in the log.
    console.error("Could not audit a refusal", error);
  });
}
