import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { endAllSessions } from "../auth/end-all-sessions";

export type SetUserDisabledOptions = {
  db: Db;
  actor: Actor;
  userId: string;
  disabled: boolean;
  origin?: RequestOrigin;
};

/** Disables or re-enables a user. Disabling ends every session of theirs (and their tokens stop working). */
export async function setUserDisabled({ db, actor, userId, disabled, origin }: SetUserDisabledOptions): Promise<void> {
  requirePermission(actor, "user:manage");
  if (userId === actor.id && disabled) throw new AppError("INVALID_INPUT", "You cannot disable your own account.");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, disabled: true, organizationId: true, grantPending: true },
    });
    if (!user) throw new AppError("NOT_FOUND");
    // A staff account held for a second admin's approval (or refused) is enabled by that approval, never here.
    if (!disabled && user.grantPending)
      throw new AppError(
        "CONFLICT",
        "This account's staff role waits for (or was refused) a second administrator's approval.",
      );
    if (user.disabled === disabled) return;
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    await recordAudit(tx, {
      action: disabled ? "user.disabled" : "user.enabled",
      actor,
      organizationId: user.organizationId,
      target: { type: "User", id: userId },
      before: { disabled: user.disabled },
      after: { disabled },
      origin,
    });
    if (disabled) await endAllSessions(tx, userId, "disabled", { actor, origin });
  });
}
