import "server-only";
import { isAssetKind } from "@/lib/assets/kinds";
import { isEnvironment, isProgram } from "@/lib/pki";
import type { Db } from "../db/client";
import type { JobResult } from "../jobs/job-context";
import { toAppError } from "../errors";
import { emitEvent } from "../notifications/emit-event";
import { applyTransition } from "./apply-transition";
import { VERSION_PLACE } from "../connections/named-connection";

/** At most this many versions per run; the next run takes the rest. */
const BATCH = 500;

/**
 * The retire-versions job: every version in force beside its renewal (RETIRING) whose cut-over has come is
 * RETIREd to SUPERSEDED through the lifecycle table, audited, with a "version.retired" notice to both sides, one
 * transaction per version. The transition's `where: { id, state: "RETIRING" }` is the claim: with two runs at
 * once (several instances, a lease taken over), one retires each version and the other finds it gone.
 */
export async function retireVersions({ db, now }: { db: Db; now: Date }): Promise<JobResult> {
  const due = await db.assetVersion.findMany({
    where: { state: "RETIRING", retireAt: { lte: now } },
    orderBy: { retireAt: "asc" },
    take: BATCH,
    select: {
      id: true,
      seq: true,
      organizationId: true,
      retireAt: true,
      stateChangedAt: true,
      asset: { select: VERSION_PLACE },
    },
  });
  const result = { due: due.length, retired: 0, retiredElsewhere: 0 };
  for (const version of due) {
    const { kind, connection } = version.asset;
    const { environment, identifier } = connection;
    try {
      await db.$transaction(async (tx) => {
        await applyTransition({
          tx,
          actor: null,
          versionId: version.id,
          organizationId: version.organizationId,
          from: "RETIRING",
          event: "RETIRE",
          now,
          details: { cutOver: version.retireAt!.toISOString(), inForceSince: version.stateChangedAt.toISOString() },
        });
        await emitEvent(tx, {
          type: "version.retired",
          organizationId: version.organizationId,
          now,
          dedupeKey: `retired:${version.id}`,
          payload: {
            organizationName: identifier.organization.name,
            identifier: identifier.value,
            connectionId: connection.id,
            versionId: version.id,
            seq: version.seq,
            ...(isEnvironment(environment) ? { environment } : {}),
            ...(isProgram(identifier.program) ? { program: identifier.program } : {}),
            ...(isAssetKind(kind) ? { kind } : {}),
            cutOver: version.retireAt!.toISOString(),
          },
        });
      });
      result.retired++;
    } catch (error) {
      // Another run retired it first: the conditional update found it no longer RETIRING (or the notice's key held).
      if (toAppError(error)?.code !== "CONFLICT") throw error;
      result.retiredElsewhere++;
    }
  }
  return result;
}
