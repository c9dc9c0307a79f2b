import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";

export type SetPasswordLoginOptions = {
  db: Db;
  actor: Actor;
  organizationId: string;
  allowed: boolean;
  origin?: RequestOrigin;
};

/**
 * Whether an organization's users may sign in with a local password, or only through single sign-on.
 * Administrators keep their password (and TOTP) either way: the break-glass way in when the IdP is down.
 */
export async function setPasswordLogin({
  db,
  actor,
  organizationId,
  allowed,
  origin,
}: SetPasswordLoginOptions): Promise<void> {
  requirePermission(actor, "organization:manage");
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: organizationId }, select: { passwordLogin: true } });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.passwordLogin === allowed) return;
    await tx.organization.update({ where: { id: organizationId }, data: { passwordLogin: allowed } });
    await recordAudit(tx, {
      action: "organization.password-login.changed",
      actor,
      organizationId,
      target: { type: "Organization", id: organizationId },
      before,
      after: { passwordLogin: allowed },
      origin,
    });
  });
}
