import "server-only";
import { approvalEvent, requiredApprovals } from "@/lib/assets/lifecycle";
import { AppError } from "../errors";
import { newId } from "../ids";
import { requirePermission } from "../auth/guards";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { makeCurrent, moveVersion } from "./apply-transition";
import { emitVersionEvent } from "./emit-version-event";
import { SEPARATION_RULES, secondPersonProblem } from "@/lib/assets/separation";
import { recordAudit } from "../audit/record-audit";
import { loadStaffPeople } from "../grants/staff-person";

export type ApproveVersionOptions = VersionCommandOptions;

/**
 * A Thales reviewer approves a customer version. Four-eyes: PRD needs two distinct approvers, and nobody
 * approves what they uploaded. The first PRD approval moves it to IN_REVIEW, the last to APPROVED, which
 * makes it the version in force. Two approvals count as two people only under lib/assets/separation.ts (not two
 * accounts one admin made alone, not an account and the admin who created it), and a pending account's never counts.
 */
export async function approveVersion({ db, actor, versionId, origin, now = new Date() }: ApproveVersionOptions) {
  requirePermission(actor, "asset:review");
  const version = await loadVersion(db, actor, versionId);
  if (version.uploadedById === actor.id)
    throw new AppError("FORBIDDEN", "You uploaded this version: another reviewer must approve it.");
  const earlier = await db.review.findMany({
    where: { versionId, decision: "APPROVE", reviewerId: { not: actor.id } },
    select: { reviewerId: true },
  });
  const people = await loadStaffPeople(db, [actor.id, ...earlier.map((a) => a.reviewerId)]);
  const problem =
    earlier
      .map((a) => secondPersonProblem(people.get(a.reviewerId)!, people.get(actor.id)!))
      .find((p) => p && p !== "GRANT_PENDING") ?? (people.get(actor.id)!.grantPending ? "GRANT_PENDING" : undefined);
  if (problem) {
    await recordAudit(db, {
      action: "asset.approve.refused",
      actor,
      organizationId: version.connection.organizationId,
      target: { type: "AssetVersion", id: versionId },
      details: { rule: problem },
      origin,
    });
    throw new AppError("FORBIDDEN", SEPARATION_RULES[problem]);
  }
  return db.$transaction(async (tx) => {
    const all = await tx.review.findMany({
      where: { versionId, decision: "APPROVE" },
      select: { reviewerId: true, reviewer: { select: { grantPending: true } } },
    });
    if (all.some((a) => a.reviewerId === actor.id)) {
      throw new AppError(
        "CONFLICT",
        "You already approved this version: Production needs a second, different approver.",
      );
    }
    // Approvals from accounts whose staff grant is pending do not count (they cannot act; belt and braces).
    const approvals = all.filter((a) => !a.reviewer.grantPending);
    const event = approvalEvent(version.connection.environment, approvals.length);
    await tx.review.create({
      data: { id: newId(), versionId, reviewerId: actor.id, decision: "APPROVE", createdAt: now },
    });
    const count = { approvals: approvals.length + 1, required: requiredApprovals(version.connection.environment) };
    const state = await moveVersion(tx, version, {
      actor,
      event,
      now,
      origin,
      details: { ...count, environment: version.connection.environment },
    });
    await emitVersionEvent(tx, version, {
      type: state === "APPROVED" ? "version.approved" : "version.first_approval",
      now,
      extra: count,
    });
    if (state === "APPROVED")
      await makeCurrent(tx, {
        assetId: version.assetId,
        versionId,
        organizationId: version.connection.organizationId,
        actor,
        now,
        origin,
      });
    return { state, ...count };
  });
}
