import "server-only";
import { AWAITING_REVIEW, STATE_LABELS, isVersionState, type VersionState } from "@/lib/assets/lifecycle";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadConnection } from "../connections/load-connection";

export type UploadSlot = {
  /** The version a new upload withdraws (still awaiting review), if any. */
  pending: { id: string; seq: number; state: VersionState; label: string } | null;
};

/**
 * What a new upload of `kind` on a connection does to the versions already there, for the upload page to say
 * before the form is filled (the upload service applies exactly this). NOT_FOUND for another organization's.
 */
export async function getUploadSlot({
  db,
  actor,
  connectionId,
  kind,
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
  kind: AssetKind;
}): Promise<UploadSlot> {
  const connection = await loadConnection(db, actor, connectionId);
  const pending = await db.assetVersion.findFirst({
    where: {
      organizationId: connection.organizationId,
      asset: { connectionId: connection.id, kind },
      state: { in: [...AWAITING_REVIEW] },
    },
    orderBy: { seq: "desc" },
    select: { id: true, seq: true, state: true },
  });
  return {
    pending:
      pending && isVersionState(pending.state)
        ? { id: pending.id, seq: pending.seq, state: pending.state, label: STATE_LABELS[pending.state] }
        : null,
  };
}
