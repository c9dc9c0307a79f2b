import "server-only";
import { isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { IN_FORCE, type VersionState } from "@/lib/assets/lifecycle";
import type { Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "../connections/scope";
import { parseFindings, parseStoredReport, type StoredReport } from "./version-record";
import { assetSummarySelect, versionSummarySelect } from "./get-asset-summary";

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
  /** Every version in force, newest first: one, or during a renewal's overlap two, the old one with its `retireAt`. */
  inForce: InForceVersion[];
  versions: AssetVersionView[];
  history: {
    at: Date;
    action: string;
    actor: string | null;
    versionId: string | null;
    before: unknown;
    after: unknown;
  }[];
};

/** One asset with every version (newest first), findings, reviews and its audit history. */
export async function getAsset({ db, actor, assetId }: { db: Db; actor: Actor; assetId: string }): Promise<AssetView> {
  const asset = await db.asset.findFirst({
    where: { id: assetId, ...tenantWhere(actor) },
    select: {
      ...assetSummarySelect,
      connectionId: true,
      organizationId: true,
      versions: {
        orderBy: { seq: "desc" },
        select: {
          ...versionSummarySelect,
          retireAt: true,
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
      },
    },
  });
  if (!asset || !isAssetKind(asset.kind)) throw new AppError("NOT_FOUND");
  const events = await db.auditEvent.findMany({
    where: { targetType: "AssetVersion", targetId: { in: asset.versions.map((v) => v.id) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, action: true, actorEmail: true, targetId: true, before: true, after: true },
  });
  const versions: AssetVersionView[] = asset.versions.map((v) => ({
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
    state: versions[0]?.state ?? null,
    currentVersionId: asset.currentVersionId,
    inForce: inForceVersions(asset.versions.map((v) => ({ ...v, state: v.state as VersionState }))),
    versions,
    history: events.map((e) => ({
      at: e.createdAt,
      action: e.action,
      actor: e.actorEmail,
      versionId: e.targetId,
      before: e.before ? JSON.parse(e.before) : null,
      after: e.after ? JSON.parse(e.after) : null,
    })),
  };
}
