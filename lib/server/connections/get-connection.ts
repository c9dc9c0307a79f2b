import "server-only";
import { kindsFor, type AssetKind, type KindInfo } from "@/lib/assets/kinds";
import { dnValues } from "@/lib/pki/dn";
import { IN_FORCE, type VersionState } from "@/lib/assets/lifecycle";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { listConnections, type ConnectionRow } from "./list-connections";
import { parseStoredReport } from "../assets/version-record";
import { versionSummarySelect } from "../assets/get-asset-summary";

export type VersionRow = {
  id: string;
  seq: number;
  state: VersionState;
  createdAt: Date;
  stateChangedAt: Date;
  uploadedBy: string;
  originalFilename: string | null;
  host: string | null;
  port: number | null;
  basePath: string | null;
  sha256: string;
  /** A certificate version's first certificate (the leaf of a chain): what a person recognizes it by. */
  certificate: { cn: string | null; serial: string } | null;
  notAfter: Date | null;
  rejectionReason: string | null;
  /** During a renewal's overlap (RETIRING): when this old version leaves. */
  retireAt: Date | null;
  current: boolean;
};

export type ConnectionDetail = ConnectionRow & {
  assets: ConnectionAsset[];
};

export type ConnectionAsset = {
  info: KindInfo;
  assetId?: string;
  /**
   * The rows of the asset's history table, newest first: its newest versions and, below them, the older ones still
   * in force; or, when the caller pages this asset's history, the page it asked for.
   */
  versions: VersionRow[];
  /** Versions that matter but are not among `versions` when a page of older ones is shown: newest, in force. */
  notable: VersionRow[];
  /** How many versions the asset has in all. */
  total: number;
  /** The `seq` the next page of older versions starts below, or null when none are left. */
  olderThan: number | null;
};

/** Versions per asset on the connection page; older ones come a page at a time. */
export const CONNECTION_VERSIONS_SHOWN = 10;

/**
 * One connection with every asset slot of its program: per asset its newest versions, the ones still in force, and
 * a count. Bounded because a client that uploads in a loop makes a history of thousands, and this read loaded every
 * version with its report (issue 16). `page` shows the versions of one kind below a `seq` instead.
 */
export async function getConnection({
  db,
  actor,
  connectionId,
  page,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
  page?: { kind: AssetKind; olderThan: number };
  now?: Date;
}): Promise<ConnectionDetail> {
  const [row] = await listConnections({ db, actor, now, filter: { id: connectionId } });
  if (!row) throw new AppError("NOT_FOUND");
  const assets = await db.asset.findMany({
    where: { connectionId, organizationId: row.organizationId },
    select: { id: true, kind: true, currentVersionId: true },
  });
  const byKind = new Map(assets.map((a) => [a.kind, a]));
  return {
    ...row,
    assets: await Promise.all(
      kindsFor(row.program).map(async (info): Promise<ConnectionAsset> => {
        const asset = byKind.get(info.kind);
        if (!asset) return { info, versions: [], notable: [], total: 0, olderThan: null };
        const olderThan = page?.kind === info.kind ? page.olderThan : undefined;
        return { info, assetId: asset.id, ...(await versionsOf(db, info, asset, olderThan)) };
      }),
    ),
  };
}

const versionRowSelect = {
  ...versionSummarySelect,
  stateChangedAt: true,
  originalFilename: true,
  host: true,
  port: true,
  basePath: true,
  report: true,
  rejectionReason: true,
  retireAt: true,
  uploadedBy: { select: { email: true } },
} as const;

async function versionsOf(
  db: Db,
  info: KindInfo,
  asset: { id: string; currentVersionId: string | null },
  olderThan: number | undefined,
): Promise<Omit<ConnectionAsset, "info" | "assetId">> {
  // Top-level queries with `take`: Prisma applies a nested relation's `take` after reading every related row.
  const rows = await db.assetVersion.findMany({
    where: { assetId: asset.id, ...(olderThan !== undefined ? { seq: { lt: olderThan } } : {}) },
    orderBy: { seq: "desc" },
    take: CONNECTION_VERSIONS_SHOWN + 1,
    select: versionRowSelect,
  });
  const shown = rows.slice(0, CONNECTION_VERSIONS_SHOWN);
  const more = rows.length > CONNECTION_VERSIONS_SHOWN;
  if (!more && olderThan === undefined) {
    const versions = shown.map((v) => versionRow(info, asset, v));
    return { versions, notable: [], total: versions.length, olderThan: null };
  }
  // The newest version, and those in force or current, wherever they fall in the history (index-only lookups).
  const ids = new Set(shown.map((v) => v.id));
  const [newest, inForce, total] = await Promise.all([
    olderThan !== undefined
      ? db.assetVersion.findFirst({ where: { assetId: asset.id }, orderBy: { seq: "desc" }, select: versionRowSelect })
      : null,
    db.assetVersion.findMany({
      where: {
        assetId: asset.id,
        id: { notIn: [...ids] },
        OR: [{ state: { in: [...IN_FORCE] } }, ...(asset.currentVersionId ? [{ id: asset.currentVersionId }] : [])],
      },
      orderBy: { seq: "desc" },
      select: versionRowSelect,
    }),
    db.assetVersion.count({ where: { assetId: asset.id } }),
  ]);
  const extra = [...(newest && !ids.has(newest.id) ? [newest] : []), ...inForce]
    .filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i)
    .sort((a, b) => b.seq - a.seq)
    .map((v) => versionRow(info, asset, v));
  const versions = shown.map((v) => versionRow(info, asset, v));
  const next = more ? shown.at(-1)!.seq : null;
  // On the first page the older versions in force join the table; on a later page they stay beside it.
  return olderThan === undefined
    ? { versions: [...versions, ...extra], notable: [], total, olderThan: next }
    : { versions, notable: extra, total, olderThan: next };
}

type StoredVersionRow = Omit<VersionRow, "certificate" | "state" | "uploadedBy" | "current"> & {
  state: string;
  report: string;
  uploadedBy: { email: string };
};

function versionRow(
  info: KindInfo,
  asset: { currentVersionId: string | null },
  { uploadedBy, report, ...v }: StoredVersionRow,
): VersionRow {
  return {
    ...v,
    certificate: info.content === "certificate" || info.content === "certificates" ? leafOf(report) : null,
    state: v.state as VersionState,
    uploadedBy: uploadedBy.email,
    current: v.id === asset.currentVersionId,
  };
}

/** CN and serial of the first certificate a stored report lists (null when it lists none). */
function leafOf(reportJson: string): VersionRow["certificate"] {
  const first = parseStoredReport(reportJson).certificates?.[0];
  if (!first) return null;
  return { cn: dnValues(first.details.subject, "CN")[0] ?? null, serial: first.serialNumber };
}
