import "server-only";
import { AWAITING_REVIEW, STATE_LABELS, isVersionState, type VersionState } from "@/lib/assets/lifecycle";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { overlappingKind } from "@/lib/assets/rotation";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadConnection } from "../connections/load-connection";

export type UploadSlot = {
  /** The version a new upload withdraws (still awaiting review), if any. */
  pending: { id: string; seq: number; state: VersionState; label: string } | null;
  /**
   * The version in force this upload renews with overlap (for a CSR: its issued certificate), if any: the form
   * then asks for the cut-over (default: its expiry).
   */
  renews: { id: string; seq: number; label: string; notAfter: Date | null } | null;
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
  const renewedKind = overlappingKind(KINDS[kind]);
  const renewed = renewedKind
    ? await db.asset.findFirst({
        where: { organizationId: connection.organizationId, connectionId: connection.id, kind: renewedKind },
        select: { currentVersionId: true },
      })
    : null;
  const inForce = renewed?.currentVersionId
    ? await db.assetVersion.findUnique({
        where: { id: renewed.currentVersionId },
        select: { id: true, seq: true, notAfter: true },
      })
    : null;
  return {
    renews: inForce && renewedKind ? { ...inForce, label: KINDS[renewedKind].label } : null,
    pending:
      pending && isVersionState(pending.state)
        ? { id: pending.id, seq: pending.seq, state: pending.state, label: STATE_LABELS[pending.state] }
        : null,
  };
}
