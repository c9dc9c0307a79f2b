import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/password";
import { endAllSessions } from "../auth/end-all-sessions";

export type ChangePasswordOptions = {
  db: Db;
  actor: Actor;
  currentPassword: string;
  newPassword: string;
  origin?: RequestOrigin;
};

/**
 * A user replaces their password (and, after an invitation, the one-time password). Every other session of
 * theirs ends with the old password; the one they did it in stays signed in.
 */
export async function changePassword({
  db,
  actor,
  currentPassword,
  newPassword,
  origin,
}: ChangePasswordOptions): Promise<void> {
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  if (newPassword === currentPassword)
    throw new AppError("INVALID_INPUT", "Choose a password different from the current one.");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("INVALID_INPUT", "The current password is not correct.");
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false } });
    await recordAudit(tx, { action: "user.password-changed", actor, target: { type: "User", id: actor.id }, origin });
    await endAllSessions(tx, actor.id, "password-changed", { actor, exceptSessionId: actor.sessionId, origin });
  });
}
