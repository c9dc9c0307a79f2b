import "server-only";
import { isCustomerKind } from "@/lib/assets/kinds";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { moveVersion } from "./apply-transition";
import { emitVersionEvent } from "./emit-version-event";

/** The customer confirms they received and installed what Thales published. */
export async function acknowledgeVersion({ db, actor, versionId, origin, now = new Date() }: VersionCommandOptions) {
  requirePermission(actor, "asset:acknowledge");
  const version = await loadVersion(db, actor, versionId);
  if (isCustomerKind(version.kind)) throw new AppError("INVALID_INPUT", "Only what Thales publishes is acknowledged.");
  return db.$transaction(async (tx) => {
    const state = await moveVersion(tx, version, { actor, event: "ACKNOWLEDGE", now, origin });
    await emitVersionEvent(tx, version, { type: "version.acknowledged", now });
    return { state };
  });
}
