import "server-only";
import { SEPARATION_RULES, grantApprovalProblem } from "@/lib/assets/separation";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadStaffPeople } from "./staff-person";
import { onRoleChanged } from "./role-changed";

export type DecideStaffGrantOptions = {
  db: Db;
  actor: Actor;
  grantId: string;
  decision: "APPROVE" | "REFUSE";
  reason?: string;
  origin?: RequestOrigin;
  now?: Date;
};

/**
 * A second admin approves or refuses a pending staff grant. Not the admin who asked, not the grantee, and not an
 * account the asker created (lib/assets/separation.ts). Approving a new account lets it sign in; approving a raise
 * gives the role. A refused new account stays disabled for good (its grant never counts). A refused attempt to
 * decide is audited and changes nothing else. Applied only from PENDING, so two admins cannot both decide.
 */
export async function decideStaffGrant({
  db,
  actor,
  grantId,
  decision,
  reason,
  origin,
  now = new Date(),
}: DecideStaffGrantOptions): Promise<{ state: "APPROVED" | "REFUSED" }> {
  requirePermission(actor, "user:manage");
  const grant = await db.staffGrant.findUnique({
    where: { id: grantId },
    select: {
      id: true,
      userId: true,
      role: true,
      previousRole: true,
      state: true,
      requestedById: true,
      user: { select: { organizationId: true, role: true } },
    },
  });
  if (!grant) throw new AppError("NOT_FOUND");
  if (grant.state !== "PENDING") throw new AppError("CONFLICT", "This grant was already decided.");
  const people = await loadStaffPeople(db, [grant.requestedById, actor.id]);
  const problem = grantApprovalProblem(people.get(grant.requestedById)!, people.get(actor.id)!, grant.userId);
  if (problem) {
    await recordAudit(db, {
      action: "user.grant.refused-decision",
      actor,
      organizationId: grant.user.organizationId,
      target: { type: "StaffGrant", id: grant.id },
      details: { rule: problem, decision },
      origin,
    });
    throw new AppError("FORBIDDEN", SEPARATION_RULES[problem]);
  }
  if (decision === "REFUSE" && (!reason || reason.trim().length < 3))
    throw new AppError("INVALID_INPUT", "Give a reason (3 characters or more).");
  const state = decision === "APPROVE" ? "APPROVED" : "REFUSED";
  await db.$transaction(async (tx) => {
    const moved = await tx.staffGrant.updateMany({
      where: { id: grant.id, state: "PENDING" },
      data: { state, decidedById: actor.id, decidedAt: now, reason: reason?.trim().slice(0, 2000) ?? null },
    });
    if (moved.count !== 1) throw new AppError("CONFLICT", "This grant was already decided.");
    if (state === "APPROVED") {
      if (grant.previousRole === null) {
        await tx.user.update({
          where: { id: grant.userId },
          data: {
            grantPending: false,
            disabled: false,
            roleGrantedById: grant.requestedById,
            roleGrantApprovedById: actor.id,
          },
        });
      } else {
        const raised = await tx.user.updateMany({
          where: { id: grant.userId, role: grant.previousRole },
          data: { role: grant.role, roleGrantedById: grant.requestedById, roleGrantApprovedById: actor.id },
        });
        if (raised.count !== 1)
          throw new AppError("CONFLICT", "The user's role changed since the request: refuse it and ask again.");
        await onRoleChanged(tx, grant.userId);
      }
    }
    await recordAudit(tx, {
      action: state === "APPROVED" ? "user.grant.approved" : "user.grant.refused",
      actor,
      organizationId: grant.user.organizationId,
      target: { type: "User", id: grant.userId },
      before: { grant: "PENDING", role: grant.previousRole },
      after: { grant: state, role: state === "APPROVED" ? grant.role : grant.previousRole },
      details: {
        grantId: grant.id,
        requestedById: grant.requestedById,
        ...(reason ? { reason: reason.trim().slice(0, 2000) } : {}),
      },
      origin,
    });
  });
  return { state };
}
