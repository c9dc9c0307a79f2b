import "server-only";
import { isCustomerKind } from "@/lib/assets/kinds";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { applyTransition } from "./apply-transition";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";

/** The customer confirms they received and installed what Thales published. */
export async function acknowledgeVersion({ db, actor, versionId, origin, now = new Date() }: VersionCommandOptions) {
  requirePermission(actor, "asset:acknowledge");
  const version = await loadVersion(db, actor, versionId);
  if (isCustomerKind(version.kind)) throw new AppError("INVALID_INPUT", "Only what Thales publishes is acknowledged.");
  return db.$transaction(async (tx) => {
    const state = await applyTransition({
      tx,
      actor,
      versionId,
      organizationId: version.connection.organizationId,
      from: version.state,
      event: "ACKNOWLEDGE",
      now,
      origin,
    });
    await emitEvent(tx, {
      type: "version.acknowledged",
      organizationId: version.connection.organizationId,
      now,
      payload: connectionPayload(version.connection, { kind: version.kind, id: versionId, seq: version.seq }),
    });
    return { state };
  });
}
