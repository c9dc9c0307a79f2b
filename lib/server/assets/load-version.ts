import "server-only";
import { isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { isVersionState, type VersionState } from "@/lib/assets/lifecycle";
import type { Db, Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "../connections/scope";
import { loadConnection, type ConnectionContext } from "../connections/load-connection";

/** What every use case that moves one version takes: who acts, on which version, from where, as of when. */
export type VersionCommandOptions = { db: Db; actor: Actor; versionId: string; origin?: RequestOrigin; now?: Date };

export type VersionContext = {
  id: string;
  seq: number;
  state: VersionState;
  kind: AssetKind;
  assetId: string;
  currentVersionId: string | null;
  uploadedById: string;
  normalizedPem: string | null;
  connection: ConnectionContext;
};

/** A version the actor may see, with its asset and connection; NOT_FOUND otherwise (tenancy in the where). */
export async function loadVersion(db: Db | Tx, actor: Actor, versionId: string): Promise<VersionContext> {
  const row = await db.assetVersion.findFirst({
    where: { id: versionId, ...tenantWhere(actor) },
    select: {
      id: true,
      seq: true,
      state: true,
      uploadedById: true,
      normalizedPem: true,
      asset: { select: { id: true, kind: true, connectionId: true, currentVersionId: true } },
    },
  });
  if (!row || !isVersionState(row.state) || !isAssetKind(row.asset.kind)) throw new AppError("NOT_FOUND");
  return {
    id: row.id,
    seq: row.seq,
    state: row.state,
    kind: row.asset.kind,
    assetId: row.asset.id,
    currentVersionId: row.asset.currentVersionId,
    uploadedById: row.uploadedById,
    normalizedPem: row.normalizedPem,
    connection: await loadConnection(db, actor, row.asset.connectionId),
  };
}
