import "server-only";
import { grantApprovalProblem, grantNeedsApproval } from "@/lib/assets/separation";
import { thalesRolesFor } from "@/lib/assets/notification-events";
import type { Role } from "@/lib/assets/permissions";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { barredStaff, countActiveAdmins, loadStaffPerson } from "./staff-person";
import { emitEvent } from "../notifications/emit-event";
import { onRoleChanged } from "./role-changed";

export type GrantStaffRoleOptions = {
  tx: Tx;
  actor: Actor;
  userId: string;
  organizationId: string;
  role: Role;
  previousRole: Role | null;
  now: Date;
  origin?: RequestOrigin;
};

/**
 * Records a staff-role grant inside the caller's transaction. With two or more active admins it is PENDING: a new
 * account is held disabled (nothing that checks `disabled` lets it act) and a raise keeps the old role, until a
 * second admin approves; the admins who may approve it are notified in the same transaction. Below two active admins
 * the grant applies at once, audited as a bootstrap.
 */
export async function grantStaffRole({
  tx,
  actor,
  userId,
  organizationId,
  role,
  previousRole,
  now,
  origin,
}: GrantStaffRoleOptions): Promise<{ grantId: string; pending: boolean }> {
  const pending = grantNeedsApproval(await countActiveAdmins(tx, userId));
  const grantId = newId();
  await tx.staffGrant.create({
    data: {
      id: grantId,
      userId,
      role,
      previousRole,
      state: pending ? "PENDING" : "BOOTSTRAP",
      requestedById: actor.id,
      createdAt: now,
      ...(pending ? {} : { decidedAt: now }),
    },
  });
  if (pending) {
    if (previousRole === null)
      await tx.user.update({ where: { id: userId }, data: { grantPending: true, disabled: true } });
  } else {
    await tx.user.update({
      where: { id: userId },
      data: { role, roleGrantedById: actor.id, roleGrantApprovedById: null },
    });
    if (previousRole !== null) await onRoleChanged(tx, userId);
  }
  if (pending) {
    // To every admin who may decide it, in this transaction: not the one who asked, nor an account they created.
    const requester = await loadStaffPerson(tx, actor.id);
    const exceptUserIds = await barredStaff(
      tx,
      thalesRolesFor("staff_grant.awaiting_approval"),
      (person) => grantApprovalProblem(requester, person, userId) !== null,
    );
    const grantee = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await emitEvent(tx, {
      type: "staff_grant.awaiting_approval",
      organizationId: null,
      now,
      payload: { userEmail: grantee.email, role, requestedBy: actor.email },
      exceptUserIds,
    });
  }
  await recordAudit(tx, {
    action: pending ? "user.grant.requested" : "user.grant.bootstrap",
    actor,
    organizationId,
    target: { type: "User", id: userId },
    before: previousRole ? { role: previousRole } : undefined,
    after: { role, grant: pending ? "PENDING" : "BOOTSTRAP" },
    details: { grantId, ...(pending ? {} : { why: "fewer than two active admins: the first admin grants alone" }) },
    origin,
  });
  return { grantId, pending };
}
