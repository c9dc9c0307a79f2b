import "server-only";
import { z } from "zod";
import { ROLES, roleSide } from "@/lib/assets/permissions";
import { isRaise, isStaffRole } from "@/lib/assets/separation";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { grantStaffRole } from "./grant-staff-role";
import { onRoleChanged } from "./role-changed";

export const changeUserRoleInput = z.object({ userId: z.string().min(1).max(100), role: z.enum(ROLES) });
export type ChangeUserRoleOptions = {
  db: Db;
  actor: Actor;
  userId: string;
  role: (typeof ROLES)[number];
  origin?: RequestOrigin;
  now?: Date;
};

/**
 * An admin changes a user's role within its side. Raising into a staff role (delivery → admin) is a staff grant
 * that a second admin approves (the user keeps the old role meanwhile); any other change (lowering, or between
 * the customer roles) takes effect at once. Customers stay customers.
 */
export async function changeUserRole({
  db,
  actor,
  userId,
  role,
  origin,
  now = new Date(),
}: ChangeUserRoleOptions): Promise<{ pending: boolean }> {
  requirePermission(actor, "user:manage");
  if (userId === actor.id) throw new AppError("FORBIDDEN", "Nobody changes their own role: ask another administrator.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        role: true,
        organizationId: true,
        grantPending: true,
        organization: { select: { kind: true } },
      },
    });
    if (!user) throw new AppError("NOT_FOUND");
    const from = user.role as (typeof ROLES)[number];
    if (roleSide(role) !== (user.organization.kind === "THALES" ? "THALES" : "CUSTOMER"))
      throw new AppError(
        "INVALID_INPUT",
        "Customers stay customers and Thales users stay Thales users: invite a new account instead.",
      );
    if (from === role) throw new AppError("CONFLICT", "The user already has this role.");
    if (user.grantPending)
      throw new AppError("CONFLICT", "This account waits for a second administrator's approval: decide that first.");
    if (await tx.staffGrant.findFirst({ where: { userId, state: "PENDING" }, select: { id: true } })) {
      throw new AppError("CONFLICT", "A role change for this user already waits for approval.");
    }
    if (isRaise(from, role) && isStaffRole(role))
      return {
        pending: (
          await grantStaffRole({
            tx,
            actor,
            userId,
            organizationId: user.organizationId,
            role,
            previousRole: from,
            now,
            origin,
          })
        ).pending,
      };
    const changed = await tx.user.updateMany({
      where: { id: userId, role: from },
      data: { role, roleGrantedById: actor.id, roleGrantApprovedById: null },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT");
    await onRoleChanged(tx, userId);
    await recordAudit(tx, {
      action: isRaise(from, role) ? "user.role-changed" : "user.role-lowered",
      actor,
      organizationId: user.organizationId,
      target: { type: "User", id: userId },
      before: { role: from },
      after: { role },
      origin,
    });
    return { pending: false };
  });
}
