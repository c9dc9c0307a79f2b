import "server-only";
import type { Db } from "../db/client";
import type { RequestOrigin } from "../actor";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { decoyHash, verifyPassword } from "./password";
import { claimAttempt, clearFailures, pruneAttempts, releaseAttempt, throttleBuckets } from "./throttle";
import { checkSecondFactor } from "../mfa/check-second-factor";
import { sessionOrigin } from "./session-origin";

export type AuthenticateOptions = { email: string; password: string; otp?: string; origin: RequestOrigin; now?: Date };
export type AuthenticateResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string; role: string; organizationId: string };
      sessionId: string;
    }
  | {
      ok: false;
      reason:
        | "INVALID_CREDENTIALS"
        | "THROTTLED"
        | "MFA_REQUIRED"
        | "MFA_INVALID"
        | "GRANT_PENDING"
        | "PASSWORD_LOGIN_DISABLED";
    };

/**
 * The credentials check behind sign-in. Every outcome is audited; the password is never logged.
 * Unknown e-mail, wrong password and disabled account all answer INVALID_CREDENTIALS, so the form does
 * not reveal which accounts exist. Each attempt is claimed in the throttle before any check (throttle.ts),
 * and a success opens a server-side session (the cookie names it; sign-out and revocation end it).
 */
export async function authenticate(db: Db, options: AuthenticateOptions): Promise<AuthenticateResult> {
  const now = options.now ?? new Date();
  const email = options.email.trim().toLowerCase();
  await pruneAttempts(db, now);
  const claim = await claimAttempt(db, throttleBuckets(email, options.origin.ip), now);
  if (claim.throttled) {
    await recordAudit(db, {
      action: "auth.login.throttled",
      organizationId: null,
      details: { email },
      origin: options.origin,
    });
    return { ok: false, reason: "THROTTLED" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      organizationId: true,
      disabled: true,
      passwordHash: true,
      mfaSecret: true,
      grantPending: true,
      organization: { select: { passwordLogin: true } },
    },
  });
  const passwordOk = await verifyPassword(options.password, user?.passwordHash ?? (await decoyHash()));
  // A staff account waiting for a second admin (lib/assets/separation.ts) is told so, but only with its password.
  if (user && passwordOk && user.disabled && user.grantPending) {
    await recordAudit(db, {
      action: "auth.login.failure",
      actor: { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId },
      details: { email, reason: "grant-pending" },
      origin: options.origin,
    });
    return { ok: false, reason: "GRANT_PENDING" };
  }
  if (!user || !passwordOk || user.disabled) {
    await recordAudit(db, {
      action: "auth.login.failure",
      actor: user
        ? { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId }
        : null,
      organizationId: user?.organizationId ?? null,
      details: { email, reason: !user ? "unknown-email" : user.disabled ? "disabled" : "wrong-password" },
      origin: options.origin,
    });
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }

  const actor = { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId };
  // An organization on single sign-on only: its users' passwords no longer open the portal (administrators
  // keep theirs, the way in when the IdP is down). Said only after the right password, so it reveals nothing.
  if (!user.organization.passwordLogin && user.role !== "ADMIN") {
    await releaseAttempt(db, claim.ids);
    await recordAudit(db, {
      action: "auth.login.failure",
      actor,
      details: { email, reason: "password-login-disabled" },
      origin: options.origin,
    });
    return { ok: false, reason: "PASSWORD_LOGIN_DISABLED" };
  }
  let factor: string | undefined;
  if (user.mfaSecret) {
    // The password was right; the form now asks for the code. Nothing counts against anyone until it comes.
    if (!options.otp?.trim()) {
      await releaseAttempt(db, claim.ids);
      return { ok: false, reason: "MFA_REQUIRED" };
    }
    const checked = await checkSecondFactor(db, { ...actor, mfaSecret: user.mfaSecret }, options.otp, {
      now,
      origin: options.origin,
    });
    if ("refused" in checked)
      return { ok: false, reason: checked.refused === "throttled" ? "THROTTLED" : "MFA_INVALID" };
    factor = checked.factor;
  }

  await clearFailures(db, email);
  await releaseAttempt(db, claim.ids);
  const sessionId = newId();
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: { id: sessionId, userId: user.id, createdAt: now, ...sessionOrigin(options.origin) },
    });
    await recordAudit(tx, {
      action: "auth.login.success",
      actor,
      target: { type: "Session", id: sessionId },
      details: factor ? { secondFactor: factor } : undefined,
      origin: options.origin,
    });
  });
  const {
    passwordHash: _hash,
    disabled: _disabled,
    mfaSecret: _secret,
    grantPending: _pending,
    organization: _organization,
    ...safe
  } = user;
  return { ok: true, user: safe, sessionId };
}
