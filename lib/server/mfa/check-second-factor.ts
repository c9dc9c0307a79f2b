import "server-only";
import type { Role } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { claimAttempt, releaseAttempt, secondFactorBucket, THROTTLE } from "../auth/throttle";
import { verifySecondFactor } from "./verify-second-factor";

type CodeUser = { id: string; email: string; role: Role; organizationId: string; mfaSecret: string };

/**
 * A sign-in's second step, the same for a password sign-in and a single sign-on that owes a code: the attempt is
 * counted in the user's second-factor bucket (across instances) before the code is checked, a throttled or wrong
 * code is audited, a right one releases its attempt. `via` tells the audit which sign-in it was.
 */
export async function checkSecondFactor(
  db: Db,
  user: CodeUser,
  code: string,
  { now, origin, via }: { now: Date; origin: RequestOrigin; via?: "sso" },
): Promise<{ factor: "totp" | "recovery-code" } | { refused: "throttled" | "invalid" }> {
  const actor = { id: user.id, email: user.email, role: user.role, organizationId: user.organizationId };
  const claim = await claimAttempt(db, [secondFactorBucket(user.id)], now, THROTTLE.maxSecondFactorFailures);
  if (claim.throttled) {
    const details = { email: user.email, reason: "second-factor-attempts", ...(via ? { via } : {}) };
    await recordAudit(db, { action: "auth.login.throttled", actor, details, origin });
    return { refused: "throttled" };
  }
  const factor = await verifySecondFactor(db, { id: user.id, mfaSecret: user.mfaSecret }, code.slice(0, 40), now);
  if (!factor) {
    const details = { email: user.email, reason: "wrong-second-factor", ...(via ? { via } : {}) };
    await recordAudit(db, { action: "auth.login.failure", actor, details, origin });
    return { refused: "invalid" };
  }
  await releaseAttempt(db, claim.ids);
  return { factor };
}
