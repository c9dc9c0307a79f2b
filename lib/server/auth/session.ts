import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "../db/client";
import { loadOwedSession, loadSessionActor } from "./load-actor";
import { AppError } from "../errors";
import type { Actor } from "../actor";
import { authOptions } from "./options";
import { noteActor } from "@/lib/observe/runtime.mjs";
import { accessRefusal, auditRefusal, REFUSAL_MESSAGES, type Allowance, type Refusal } from "./access";
import { originFromHeaders } from "./origin";

export type SessionState =
  | { actor: Actor }
  /**
   * `ended`: the cookie named a session that has ended (signed out, revoked, user disabled).
   * `secondFactorOwed`: a single sign-on waiting for its TOTP code (app/login/second-factor); nobody yet.
   */
  | { actor: null; ended: boolean; userId?: string; sessionId?: string; secondFactorOwed?: boolean };

/**
 * The signed-in user, read with the session row in one query on every request (once per request: React's
 * cache shares it between the layout and the page): a session ended a second ago, or a user disabled,
 * gets the new truth on the next request, on every instance.
 */
export const currentSession = cache(async (): Promise<SessionState> => {
  const session = (await getServerSession(authOptions)) as { uid?: string; sid?: string } | null;
  if (!session?.uid) return { actor: null, ended: false };
  const actor = session.sid ? await loadSessionActor(getDb(), session.sid, session.uid) : null;
  if (actor) return { actor };
  if (session.sid && (await loadOwedSession(getDb(), session.sid, session.uid))) {
    return { actor: null, ended: false, userId: session.uid, sessionId: session.sid, secondFactorOwed: true };
  }
  return { actor: null, ended: true, userId: session.uid };
});

/** The session of a single sign-on that still owes its TOTP code, if this request carries one. */
export async function getOwedSecondFactor(): Promise<{ userId: string; sessionId: string } | null> {
  const state = await currentSession();
  return !state.actor && state.secondFactorOwed && state.userId && state.sessionId
    ? { userId: state.userId, sessionId: state.sessionId }
    : null;
}

/** Null when nobody (valid) is signed in. Does not apply the staff controls: use the guards for that. */
export async function getCurrentUser(): Promise<Actor | null> {
  const { actor } = await currentSession();
  if (actor) noteActor(actor.id);
  return actor;
}

export type GuardVerdict = { actor: Actor } | { actor: null; refusal: Refusal | "signed-out" };

/**
 * The one decision behind requireUser and pageUser, audited once per request and allowance (cached):
 * nobody signed in is not audited (every anonymous page view would be); an ended session, a pending
 * password change or a missing second factor is.
 */
export const guardVerdict = cache(
  async (allowMfaEnrolment: boolean, allowPasswordChange: boolean, via: string): Promise<GuardVerdict> => {
    const state = await currentSession();
    if (!state.actor) {
      if (!state.ended) return { actor: null, refusal: "signed-out" };
      const user = state.userId
        ? await getDb().user.findUnique({
            where: { id: state.userId },
            select: { id: true, email: true, role: true, organizationId: true },
          })
        : null;
      await auditRefusal(getDb(), {
        actor: user ? { ...user, role: user.role as never } : null,
        reason: "session-ended",
        via,
        origin: originFromHeaders(await headers()),
      });
      return { actor: null, refusal: "session-ended" };
    }
    const refusal = accessRefusal(state.actor, { allowMfaEnrolment, allowPasswordChange });
    if (!refusal) return { actor: state.actor };
    await auditRefusal(getDb(), {
      actor: state.actor,
      reason: refusal,
      via,
      origin: originFromHeaders(await headers()),
    });
    return { actor: null, refusal };
  },
);

/**
 * Guard for server actions and route handlers: UNAUTHENTICATED when nobody (valid) is signed in, FORBIDDEN
 * while the password must be changed or a staff user has no second factor, except for the flows that
 * allow it (enrolment, password change).
 */
export async function requireUser(allow: Allowance = {}): Promise<Actor> {
  const verdict = await guardVerdict(!!allow.allowMfaEnrolment, !!allow.allowPasswordChange, "request");
  if (verdict.actor) return verdict.actor;
  if (verdict.refusal === "signed-out") throw new AppError("UNAUTHENTICATED");
  if (verdict.refusal === "session-ended") throw new AppError("UNAUTHENTICATED", REFUSAL_MESSAGES["session-ended"]);
  throw new AppError("FORBIDDEN", REFUSAL_MESSAGES[verdict.refusal]);
}
