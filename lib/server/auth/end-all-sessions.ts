import "server-only";
import type { Db, Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";

/** Why sessions end; kept on the session row and in the audit trail. */
export type SessionEndReason =
  "sign-out-everywhere" | "password-changed" | "password-reset" | "disabled" | "role-changed" | "mfa-reset";

export type EndAllSessionsOptions = {
  /** Who did it (the user themself, or an admin); omitted for system work. */
  actor?: Pick<Actor, "id" | "email" | "role" | "organizationId"> | null;
  /** Keep this one (the user who changed their own password stays signed in where they did it). */
  exceptSessionId?: string;
  origin?: RequestOrigin;
  now?: Date;
};

/**
 * Ends every open browser session of a user, at once and on every instance: each request reads its session
 * row (lib/server/auth/load-actor.ts), so the next request of any ended session is signed out. Call it in
 * the transaction that makes the change (password, disabling, role), so both commit together. API tokens
 * are not touched: they are revoked on their own page, and die with a disabled user.
 * Returns how many sessions ended; audited as `auth.sessions.ended` when any did.
 */
export async function endAllSessions(
  db: Db | Tx,
  userId: string,
  reason: SessionEndReason,
  options: EndAllSessionsOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const ended = await db.session.updateMany({
    where: { userId, endedAt: null, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  if (ended.count > 0) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { organizationId: true } });
    await recordAudit(db, {
      action: "auth.sessions.ended",
      actor: options.actor ?? null,
      organizationId: user?.organizationId ?? null,
      target: { type: "User", id: userId },
      details: { reason, sessions: ended.count, ...(options.exceptSessionId ? { kept: "current" } : {}) },
      origin: options.origin,
    });
  }
  return ended.count;
}
