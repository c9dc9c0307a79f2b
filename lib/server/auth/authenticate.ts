import "server-only";
import type { Db } from "../db/client";
import type { RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { decoyHash, verifyPassword } from "./password";
import { clearFailures, isThrottled, recordFailure, throttleBuckets } from "./throttle";

export type AuthenticateOptions = { email: string; password: string; origin: RequestOrigin; now?: Date };
export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string; organizationId: string } }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "THROTTLED" };

/**
 * The credentials check behind sign-in. Every outcome is audited; the password is never logged.
 * Unknown e-mail, wrong password and disabled account all answer INVALID_CREDENTIALS, so the form does
 * not reveal which accounts exist.
 */
export async function authenticate(db: Db, options: AuthenticateOptions): Promise<AuthenticateResult> {
  const now = options.now ?? new Date();
  const email = options.email.trim().toLowerCase();
  const buckets = throttleBuckets(email, options.origin.ip);

  if (await isThrottled(db, buckets, now)) {
    await recordAudit(db, { action: "auth.login.throttled", organizationId: null, details: { email }, origin: options.origin });
    return { ok: false, reason: "THROTTLED" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, organizationId: true, disabled: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(options.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !passwordOk || user.disabled) {
    await recordFailure(db, buckets, now);
    await recordAudit(db, {
      action: "auth.login.failure",
      actor: user ? { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId } : null,
      organizationId: user?.organizationId ?? null,
      details: { email, reason: !user ? "unknown-email" : user.disabled ? "disabled" : "wrong-password" },
      origin: options.origin,
    });
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }

  await clearFailures(db, email);
  await recordAudit(db, {
    action: "auth.login.success",
    actor: { id: user.id, email: user.email, role: user.role as never, organizationId: user.organizationId },
    origin: options.origin,
  });
  const { passwordHash: _hash, disabled: _disabled, ...safe } = user;
  return { ok: true, user: safe };
}
