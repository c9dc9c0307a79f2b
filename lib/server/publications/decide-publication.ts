import "server-only";
import { SEPARATION_RULES, secondPersonProblem } from "@/lib/assets/separation";
import { publicationTimeoutMs } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadStaffPeople } from "../grants/staff-person";
import { applyPublication } from "./apply-publication";

export type DecidePublicationOptions = {
  db: Db;
  actor: Actor;
  requestId: string;
  decision: "APPROVE" | "REFUSE";
  reason?: string;
  origin?: RequestOrigin;
  now?: Date;
};

/**
 * A second staff member approves a pending Production publication, which puts it in force on every target in one
 * transaction, or refuses it with a reason. The approver must count as a second person (lib/assets/separation.ts:
 * not the requester, not an account the requester made or that made the requester's, not a twin bootstrap account).
 * Refusing is always allowed (it changes no trust; the requester may withdraw this way). A refused approval is
 * audited and changes nothing else. Applied only from PENDING, so two deciders cannot both win.
 */
export async function decidePublication({
  db,
  actor,
  requestId,
  decision,
  reason,
  origin,
  now = new Date(),
}: DecidePublicationOptions): Promise<{ state: "PUBLISHED" | "REFUSED"; versionIds: string[] }> {
  requirePermission(actor, "asset:publish");
  const request = await db.publicationRequest.findUnique({
    where: { id: requestId },
    include: { targets: { select: { id: true, connectionId: true, organizationId: true } } },
  });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.state !== "PENDING") throw new AppError("CONFLICT", "This publication request was already decided.");
  if (decision === "APPROVE") {
    const people = await loadStaffPeople(db, [request.requestedById, actor.id]);
    const problem = secondPersonProblem(people.get(request.requestedById)!, people.get(actor.id)!);
    if (problem) {
      await recordAudit(db, {
        action: "publication.approve.refused",
        actor,
        organizationId: null,
        target: { type: "PublicationRequest", id: request.id },
        details: { rule: problem },
        origin,
      });
      throw new AppError("FORBIDDEN", SEPARATION_RULES[problem]);
    }
  } else if (!reason || reason.trim().length < 3) {
    throw new AppError("INVALID_INPUT", "Give a reason of 3 to 2000 characters.");
  }
  const state = decision === "APPROVE" ? "PUBLISHED" : "REFUSED";
  const versionIds = await db.$transaction(
    async (tx) => {
      const moved = await tx.publicationRequest.updateMany({
        where: { id: request.id, state: "PENDING" },
        data: { state, decidedById: actor.id, decidedAt: now, reason: reason?.trim().slice(0, 2000) ?? null },
      });
      if (moved.count !== 1) throw new AppError("CONFLICT", "This publication request was already decided.");
      await recordAudit(tx, {
        action: state === "PUBLISHED" ? "publication.approved" : "publication.refused",
        actor,
        organizationId: null,
        target: { type: "PublicationRequest", id: request.id },
        before: { state: "PENDING" },
        after: { state },
        details: {
          requestedById: request.requestedById,
          kind: request.kind,
          environment: request.environment,
          targets: request.targets.length,
          ...(reason ? { reason: reason.trim().slice(0, 2000) } : {}),
        },
        origin,
      });
      return state === "PUBLISHED" ? applyPublication(tx, request, request.targets, actor, now, origin) : [];
    },
    { timeout: publicationTimeoutMs(request.targets.length) },
  );
  return { state, versionIds };
}
