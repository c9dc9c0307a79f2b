import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { requirePermission } from "../auth/guards";
import { loadVersion } from "./load-version";
import { applyTransition } from "./apply-transition";

/**
 * The customer takes back a version until its review is final: submitted, or in review with one of two PRD
 * approvals (the approval and its audit stay in the version's history). The lifecycle table decides.
 */
export async function withdrawVersion({
  db,
  actor,
  versionId,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  versionId: string;
  origin?: RequestOrigin;
  now?: Date;
}) {
  requirePermission(actor, "asset:withdraw");
  const version = await loadVersion(db, actor, versionId);
  return db.$transaction(async (tx) => ({
    state: await applyTransition({
      tx,
      actor,
      versionId,
      organizationId: version.connection.organizationId,
      from: version.state,
      event: "WITHDRAW",
      now,
      origin,
    }),
  }));
}
