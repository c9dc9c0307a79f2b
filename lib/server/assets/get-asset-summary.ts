import "server-only";
import { isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import type { VersionState } from "@/lib/assets/lifecycle";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "../connections/scope";

export type VersionSummaryView = {
  id: string;
  seq: number;
  state: VersionState;
  createdAt: Date;
  sha256: string;
  notAfter: Date | null;
};

/**
 * What a command's answer says about an asset (the API's AssetSummary): its newest version's state and the version
 * in force. Only those versions are read, with their small columns: the answer used `getAsset`, which then read
 * every version with its report and audit history, so each upload got slower the more versions the asset had
 * (issue 16: 43–70 ms of CPU).
 */
export type AssetSummaryView = {
  id: string;
  kind: AssetKind;
  direction: string;
  state: VersionState | null;
  currentVersionId: string | null;
  /** The version in force that `currentVersionId` names. */
  current: VersionSummaryView | null;
  /** The newest version, the current one and `versionId`'s, each once; newest first. */
  versions: VersionSummaryView[];
};

/** The columns of a `VersionSummaryView`, which every fuller read of a version selects too. */
export const versionSummarySelect = {
  id: true,
  seq: true,
  state: true,
  createdAt: true,
  sha256: true,
  notAfter: true,
} as const;

/** The asset's own columns of an `AssetSummaryView`. */
export const assetSummarySelect = { id: true, kind: true, direction: true, currentVersionId: true } as const;

export async function getAssetSummary({
  db,
  actor,
  assetId,
  versionId,
}: {
  db: Db;
  actor: Actor;
  assetId: string;
  /** A version the caller answers about too (the one it just stored, which a concurrent upload may have topped). */
  versionId?: string;
}): Promise<AssetSummaryView> {
  const asset = await db.asset.findFirst({ where: { id: assetId, ...tenantWhere(actor) }, select: assetSummarySelect });
  if (!asset || !isAssetKind(asset.kind)) throw new AppError("NOT_FOUND");
  return summarizeAsset(db, { ...asset, kind: asset.kind }, versionId);
}

/** The summary of an asset the caller has already found visible (its own columns as `assetSummarySelect` reads). */
export async function summarizeAsset(
  db: Db,
  asset: { id: string; kind: AssetKind; direction: string; currentVersionId: string | null },
  versionId?: string,
): Promise<AssetSummaryView> {
  // The newest version by a query of its own: Prisma applies a nested relation's `take` after reading every related
  // row, so `versions: { take: 1 }` read the asset's whole history on each upload (501 versions: 6.6 ms of SQL).
  const newest = await db.assetVersion.findFirst({
    where: { assetId: asset.id },
    orderBy: { seq: "desc" },
    select: versionSummarySelect,
  });
  const versions = (newest ? [newest] : []).map((v) => ({ ...v, state: v.state as VersionState }));
  const more = [asset.currentVersionId, versionId].filter((id): id is string => !!id && id !== versions[0]?.id);
  if (more.length > 0) {
    const rows = await db.assetVersion.findMany({
      where: { id: { in: [...new Set(more)] }, assetId: asset.id },
      orderBy: { seq: "desc" },
      select: versionSummarySelect,
    });
    versions.push(...rows.map((v) => ({ ...v, state: v.state as VersionState })));
  }
  return {
    id: asset.id,
    kind: asset.kind,
    direction: asset.direction,
    state: versions[0]?.state ?? null,
    currentVersionId: asset.currentVersionId,
    current: versions.find((v) => v.id === asset.currentVersionId) ?? null,
    versions,
  };
}
