import "server-only";
import { AppError } from "../errors";
import { newId } from "../ids";
import { requirePermission } from "../auth/guards";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { moveVersion } from "./apply-transition";
import { emitVersionEvent } from "./emit-version-event";

export type RejectVersionOptions = VersionCommandOptions & { reason: string };

/** A Thales reviewer rejects a customer version, always with a reason the customer reads. */
export async function rejectVersion({ db, actor, versionId, reason, origin, now = new Date() }: RejectVersionOptions) {
  requirePermission(actor, "asset:review");
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 2000)
    throw new AppError("INVALID_INPUT", "Give the customer a reason (3 to 2000 characters).");
  const version = await loadVersion(db, actor, versionId);
  return db.$transaction(async (tx) => {
    await tx.review
      .create({
        data: { id: newId(), versionId, reviewerId: actor.id, decision: "REJECT", reason: trimmed, createdAt: now },
      })
      .catch(() => {
        throw new AppError("CONFLICT", "You already reviewed this version.");
      });
    const state = await moveVersion(tx, version, {
      actor,
      event: "REJECT",
      now,
      data: { rejectionReason: trimmed },
      details: { reason: trimmed },
      origin,
    });
    await emitVersionEvent(tx, version, { type: "version.rejected", now, extra: { reason: trimmed } });
    return { state };
  });
}
