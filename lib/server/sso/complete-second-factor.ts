import "server-only";
import type { Db } from "../db/client";
import type { RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { checkSecondFactor } from "../mfa/check-second-factor";

export type CompleteSecondFactorOptions = {
  db: Db;
  sessionId: string;
  userId: string;
  code: string;
  origin: RequestOrigin;
  now?: Date;
};

/**
 * The TOTP step after a single sign-on whose IdP did not vouch for a second factor (no accepted `amr`): the
 * same code check, throttle (per user, across instances) and audit as the password sign-in's second step.
 * On success the session row stops owing the code, and from the next request on it opens the portal.
 */
export async function completeSecondFactor(
  options: CompleteSecondFactorOptions,
): Promise<"ok" | "invalid" | "throttled" | "ended"> {
  const { db, sessionId, userId, origin, now = new Date() } = options;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      endedAt: true,
      secondFactorOwed: true,
      user: { select: { id: true, email: true, role: true, organizationId: true, disabled: true, mfaSecret: true } },
    },
  });
  if (!session || session.userId !== userId || session.endedAt || !session.secondFactorOwed || session.user.disabled)
    return "ended";
  const { user } = session;
  if (!user.mfaSecret) return "ended";
  const actor = { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId };
  const checked = await checkSecondFactor(db, { ...actor, mfaSecret: user.mfaSecret }, options.code, {
    now,
    origin,
    via: "sso",
  });
  if ("refused" in checked) return checked.refused;
  const { factor } = checked;
  const done = await db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: sessionId, endedAt: null, secondFactorOwed: true },
      data: { secondFactorOwed: false },
    });
    if (updated.count !== 1) return false;
    await recordAudit(tx, {
      action: "auth.sso.second-factor",
      actor,
      target: { type: "Session", id: sessionId },
      details: { secondFactor: factor },
      origin,
    });
    return true;
  });
  return done ? "ok" : "ended";
}
