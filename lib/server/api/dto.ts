import "server-only";
import type { z } from "zod";
import type { ConnectionRow } from "../connections/list-connections";
import type { AssetView, AssetVersionView } from "../assets/get-asset";
import type { AssetSummaryView } from "../assets/get-asset-summary";
import type {
  CampaignOut,
  CampaignSummaryOut,
  AssetDetail,
  AssetSummary,
  CaChange,
  Connection,
  NotificationOut,
  PublicationRequestOut,
  PublicationSummaryOut,
  ReviewQueueItem,
  VersionDetail,
  VersionSummary,
} from "./schemas";
import type { PublicationRequestDetail } from "../publications/get-publication-request";
import type { PublicationRequestSummary } from "../publications/list-publication-requests";
import type { listReviewQueue } from "../assets/list-review-queue";
import type { CaChangeView } from "../ca-changes/list-ca-changes";
import type { CampaignSummary } from "../campaigns/list-campaigns";
import type { CampaignView } from "../campaigns/get-campaign";
import type { NotificationDto } from "../notifications/list-notifications";

/** Rows out as API shapes: DTOs, never Prisma rows (STYLE.md §10). */
export function connectionDto(row: ConnectionRow): z.infer<typeof Connection> {
  const { readiness } = row;
  return {
    id: row.id,
    organization: row.organization,
    program: row.program,
    identifier: row.identifier,
    environment: row.environment,
    expectedCn: row.expectedCn,
    readiness: {
      done: readiness.done,
      required: readiness.required,
      percent: readiness.percent,
      items: readiness.items,
    },
    crossChecks: row.crossChecks,
    endpointCheck: row.endpointCheck
      ? { ...row.endpointCheck, checkedAt: row.endpointCheck.checkedAt.toISOString() }
      : null,
  };
}

export function versionSummaryDto(
  v: Pick<AssetVersionView, "id" | "seq" | "state" | "createdAt" | "sha256" | "notAfter">,
): z.infer<typeof VersionSummary> {
  return {
    id: v.id,
    seq: v.seq,
    state: v.state,
    createdAt: v.createdAt.toISOString(),
    sha256: v.sha256,
    notAfter: v.notAfter?.toISOString() ?? null,
  };
}

/** From the asset view (GET /assets/{id}, a page of versions) or the summary every command answers with. */
export function assetSummaryDto(asset: AssetView | AssetSummaryView): z.infer<typeof AssetSummary> {
  const current = asset.current;
  return {
    id: asset.id,
    kind: asset.kind,
    direction: asset.direction as "CUSTOMER_TO_THALES",
    state: asset.state,
    currentVersion: current ? versionSummaryDto(current) : null,
  };
}

function versionDetailDto(v: AssetVersionView): z.infer<typeof VersionDetail> {
  return {
    ...versionSummaryDto(v),
    uploadedBy: v.uploadedBy,
    host: v.host,
    port: v.port,
    basePath: v.basePath,
    rejectionReason: v.rejectionReason,
    findings: v.findings,
    found: v.report.found,
    certificates: v.report.certificates.map((c) => ({
      subject: c.subject,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      sha256: c.sha256,
      role: c.role,
    })),
    csr: v.report.csr
      ? {
          subject: v.report.csr.subject,
          publicKey: v.report.csr.publicKey,
          signatureAlgorithm: v.report.csr.signatureAlgorithm,
        }
      : undefined,
    reviews: v.reviews.map((r) => ({
      reviewer: r.reviewer,
      decision: r.decision as "APPROVE",
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export function assetDetailDto(asset: AssetView): z.infer<typeof AssetDetail> {
  return {
    ...assetSummaryDto(asset),
    connectionId: asset.connectionId,
    inForce: asset.inForce.map((v) => ({
      id: v.id,
      notAfter: v.notAfter?.toISOString() ?? null,
      retireAt: v.retireAt?.toISOString() ?? null,
    })),
    versions: asset.versions.map(versionDetailDto),
    history: asset.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    historyTruncated: asset.historyTruncated,
  };
}

export function publicationSummaryDto(r: PublicationRequestSummary): z.infer<typeof PublicationSummaryOut> {
  return {
    id: r.id,
    kind: r.kind as never,
    environment: r.environment as never,
    state: r.state,
    sha256: r.sha256,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
    targets: r.targets,
  };
}

export function publicationDto(r: PublicationRequestDetail): z.infer<typeof PublicationRequestOut> {
  return {
    ...publicationSummaryDto({ ...r, targets: r.targets.length }),
    findings: r.findings,
    certificates: r.certificates,
    host: r.host,
    basePath: r.basePath,
    cutOverAt: r.cutOverAt?.toISOString() ?? null,
    approvalBlockedBecause: r.approvalBlockedBecause,
    targets: r.targets.map((t) => ({
      connectionId: t.connectionId,
      organization: t.organization,
      identifier: t.identifier,
      program: t.program as never,
      environment: t.environment as never,
      versionId: t.versionId,
      trustStore: t.trustStore,
      retiring: t.retiring,
      host: t.host,
    })),
  };
}

type ReviewQueueOut = z.infer<typeof ReviewQueueItem>;
export function reviewQueueItemDto(item: Awaited<ReturnType<typeof listReviewQueue>>["items"][number]): ReviewQueueOut {
  return {
    id: item.id,
    assetId: item.assetId,
    seq: item.seq,
    state: item.state,
    kind: item.kind as ReviewQueueOut["kind"],
    createdAt: item.createdAt.toISOString(),
    ageDays: item.ageDays,
    uploadedBy: item.uploadedBy,
    approvals: item.approvals,
    connectionId: item.connectionId,
    program: item.program as ReviewQueueOut["program"],
    environment: item.environment as ReviewQueueOut["environment"],
    identifier: item.identifier,
    organization: item.organization,
  };
}

export function caChangeDto(view: CaChangeView): z.infer<typeof CaChange> {
  return {
    ...view,
    changeAt: view.changeAt.toISOString(),
    retireAt: view.retireAt.toISOString(),
    createdAt: view.createdAt.toISOString(),
  };
}

export function campaignSummaryDto(c: CampaignSummary): z.infer<typeof CampaignSummaryOut> {
  return {
    id: c.id,
    kind: c.kind as never,
    program: c.program as never,
    environment: c.environment as never,
    cutOverAt: c.cutOverAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    publicationRequestId: c.publicationRequestId,
    state: c.state,
    connections: c.connections,
    acknowledged: c.acknowledged,
  };
}

export function campaignDto(c: CampaignView): z.infer<typeof CampaignOut> {
  return {
    ...campaignSummaryDto({ ...c, connections: c.connections.length }),
    connections: c.connections.map((t) => ({
      connectionId: t.connectionId,
      organization: t.organization,
      identifier: t.identifier,
      versionId: t.versionId,
      versionState: t.versionState as never,
      acknowledgedAt: t.acknowledgedAt?.toISOString() ?? null,
      reminders: t.reminders,
      endpointCheck: t.endpointCheck
        ? { verdict: t.endpointCheck.verdict as never, checkedAt: t.endpointCheck.checkedAt.toISOString() }
        : null,
    })),
  };
}

export function notificationDto(item: NotificationDto): z.infer<typeof NotificationOut> {
  return {
    ...item,
    topic: item.topic as z.infer<typeof NotificationOut>["topic"],
    createdAt: item.createdAt.toISOString(),
    readAt: item.readAt?.toISOString() ?? null,
  };
}
