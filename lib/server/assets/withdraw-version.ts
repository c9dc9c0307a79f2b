import "server-only";
import { requirePermission } from "../auth/guards";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { moveVersion } from "./apply-transition";

/**
 * The customer takes back a version until its review is final: submitted, or in review with one of two PRD
 * approvals (the approval and its audit stay in the version's history). The lifecycle table decides.
 */
export async function withdrawVersion({ db, actor, versionId, origin, now = new Date() }: VersionCommandOptions) {
  requirePermission(actor, "asset:withdraw");
  const version = await loadVersion(db, actor, versionId);
  return db.$transaction(async (tx) => ({
    state: await moveVersion(tx, version, { actor, event: "WITHDRAW", now, origin }),
  }));
}
