import "server-only";
import { isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { IN_FORCE, type VersionState } from "@/lib/assets/lifecycle";
import type { Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "../connections/scope";
import { parseFindings, parseStoredReport, type StoredReport } from "./version-record";
import { assetSummarySelect, versionSummarySelect, type VersionSummaryView } from "./get-asset-summary";

/** Versions per page of `getAsset` unless the caller asks for another size (issue 16: answers stay bounded). */
export const ASSET_VERSIONS_PAGE_SIZE = 50;
export const ASSET_VERSIONS_PAGE_MAX = 200;
/**
 * Audit events per answer, the newest: every download writes one, so a client that downloads on a schedule gives a
 * version thousands (20,000 events were 3 MB on one page of one version). The audit page has them all.
 */
export const ASSET_HISTORY_MAX = 200;

export type AssetVersionView = {
  id: string;
  seq: number;
  state: VersionState;
  createdAt: Date;
  uploadedBy: string;
  sha256: string;
  notAfter: Date | null;
  host: string | null;
  port: number | null;
  basePath: string | null;
  rejectionReason: string | null;
  findings: Finding[];
  report: StoredReport;
  reviews: { reviewer: string; decision: string; reason: string | null; createdAt: Date }[];
};

/** A version in force and when it leaves: during a renewal's overlap the old one's cut-over, else null. */
export type InForceVersion = { id: string; notAfter: Date | null; retireAt: Date | null };

/** The versions of an asset that are in force, by the lifecycle's definition, newest first. */
export function inForceVersions(
  versions: readonly { id: string; state: VersionState; notAfter: Date | null; retireAt: Date | null }[],
): InForceVersion[] {
  return versions
    .filter((v) => IN_FORCE.includes(v.state))
    .map((v) => ({ id: v.id, notAfter: v.notAfter, retireAt: v.state === "RETIRING" ? v.retireAt : null }));
}

export type AssetView = {
  id: string;
  kind: AssetKind;
  direction: string;
  connectionId: string;
  organizationId: string;
  /** The state of the newest version (what the asset is waiting for). */
  state: VersionState | null;
  currentVersionId: string | null;
  /** The version in force that `currentVersionId` names, whichever page it is on. */
  current: VersionSummaryView | null;
  /** Every version in force, newest first: one, or during a renewal's overlap two, the old one with its `retireAt`. */
  inForce: InForceVersion[];
  /** One page of versions, newest first; `olderThan` continues with the versions below `nextBefore`. */
  versions: AssetVersionView[];
  /** The `seq` to pass as `olderThan` for the next page, or null on the last page. */
  nextBefore: number | null;
  /** The newest `ASSET_HISTORY_MAX` audit events of the versions on this page, oldest first. */
  history: {
    at: Date;
    action: string;
    actor: string | null;
    versionId: string | null;
    before: unknown;
    after: unknown;
  }[];
  /** True when the page's versions have more audit events than `history` holds (older ones left out). */
  historyTruncated: boolean;
};

/**
 * One asset with a page of its versions (newest first, with findings, reports and reviews) and their audit
 * history. Paged because a client that uploads in a loop makes a history of thousands of versions, each with a
 * report of kilobytes, and this read served all of them on every call (issue 16). What the answer says about the
 * asset as a whole (its state, the versions in force, the current one) comes from queries of its own, so every
 * page tells it.
 */
export async function getAsset({
  db,
  actor,
  assetId,
  limit = ASSET_VERSIONS_PAGE_SIZE,
  olderThan,
}: {
  db: Db;
  actor: Actor;
  assetId: string;
  /** Versions per page, 1..ASSET_VERSIONS_PAGE_MAX (clamped). */
  limit?: number;
  /** Only versions whose `seq` is below this (the previous page's `nextBefore`). */
  olderThan?: number;
}): Promise<AssetView> {
  const take = Math.min(Math.max(Math.floor(limit) || 1, 1), ASSET_VERSIONS_PAGE_MAX);
  const asset = await db.asset.findFirst({
    where: { id: assetId, ...tenantWhere(actor) },
    select: { ...assetSummarySelect, connectionId: true, organizationId: true },
  });
  if (!asset || !isAssetKind(asset.kind)) throw new AppError("NOT_FOUND");
  // A top-level findMany, not a nested relation: Prisma applies a nested `take` after reading every related row.
  const rows = await db.assetVersion.findMany({
    where: { assetId: asset.id, ...(olderThan !== undefined ? { seq: { lt: olderThan } } : {}) },
    orderBy: { seq: "desc" },
    take: take + 1,
    select: {
      ...versionSummarySelect,
      host: true,
      port: true,
      basePath: true,
      rejectionReason: true,
      findings: true,
      report: true,
      uploadedBy: { select: { email: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { decision: true, reason: true, createdAt: true, reviewer: { select: { email: true } } },
      },
    },
  });
  const page = rows.slice(0, take);
  // Small reads beside the page, whatever the history's length: the newest version's state, the versions in force,
  // the current one.
  const [newest, inForce, current] = await Promise.all([
    olderThan === undefined
      ? (page[0] ?? null)
      : db.assetVersion.findFirst({ where: { assetId: asset.id }, orderBy: { seq: "desc" }, select: { state: true } }),
    db.assetVersion.findMany({
      where: { assetId: asset.id, state: { in: [...IN_FORCE] } },
      orderBy: { seq: "desc" },
      select: { id: true, state: true, notAfter: true, retireAt: true },
    }),
    asset.currentVersionId
      ? db.assetVersion.findFirst({
          where: { id: asset.currentVersionId, assetId: asset.id },
          select: versionSummarySelect,
        })
      : null,
  ]);
  // At most ASSET_VERSIONS_PAGE_MAX ids, so the ordered `in` stays under SQLite's 999 bind parameters.
  const newestEvents = await db.auditEvent.findMany({
    where: { targetType: "AssetVersion", targetId: { in: page.map((v) => v.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ASSET_HISTORY_MAX + 1,
    select: { createdAt: true, action: true, actorEmail: true, targetId: true, before: true, after: true },
  });
  const events = newestEvents.slice(0, ASSET_HISTORY_MAX).reverse();
  const versions: AssetVersionView[] = page.map((v) => ({
    id: v.id,
    seq: v.seq,
    state: v.state as VersionState,
    createdAt: v.createdAt,
    uploadedBy: v.uploadedBy.email,
    sha256: v.sha256,
    notAfter: v.notAfter,
    host: v.host,
    port: v.port,
    basePath: v.basePath,
    rejectionReason: v.rejectionReason,
    findings: parseFindings(v.findings),
    report: parseStoredReport(v.report),
    reviews: v.reviews.map((r) => ({
      reviewer: r.reviewer.email,
      decision: r.decision,
      reason: r.reason,
      createdAt: r.createdAt,
    })),
  }));
  return {
    id: asset.id,
    kind: asset.kind,
    direction: asset.direction,
    connectionId: asset.connectionId,
    organizationId: asset.organizationId,
    state: (newest?.state as VersionState | undefined) ?? null,
    currentVersionId: asset.currentVersionId,
    current: current ? { ...current, state: current.state as VersionState } : null,
    inForce: inForceVersions(inForce.map((v) => ({ ...v, state: v.state as VersionState }))),
    versions,
    nextBefore: rows.length > take ? page.at(-1)!.seq : null,
    history: events.map((e) => ({
      at: e.createdAt,
      action: e.action,
      actor: e.actorEmail,
      versionId: e.targetId,
      before: e.before ? JSON.parse(e.before) : null,
      after: e.after ? JSON.parse(e.after) : null,
    })),
    historyTruncated: newestEvents.length > ASSET_HISTORY_MAX,
  };
}
