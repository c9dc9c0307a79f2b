import "server-only";
import { requiredApprovals, type VersionState } from "@/lib/assets/lifecycle";
import { KINDS, type KindInfo } from "@/lib/assets/kinds";
import type { Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadVersion } from "./load-version";
import { getLastDecline, getRevocation, type DeclinedRevocation, type RevocationView } from "./get-revocation";
import { parseFindings, parseStoredReport, type StoredReport } from "./version-record";
import type { ConnectionContext } from "../connections/load-connection";

export type VersionDetail = {
  id: string;
  seq: number;
  state: VersionState;
  kind: KindInfo;
  connection: ConnectionContext;
  createdAt: Date;
  uploadedBy: { id: string; email: string };
  originalFilename: string | null;
  /** SHA-256 (hex) and size of the upload as sent: all that is kept of it besides normalizedPem. */
  originalSha256: string | null;
  originalSize: number | null;
  normalizedPem: string | null;
  host: string | null;
  port: number | null;
  basePath: string | null;
  sha256: string;
  notAfter: Date | null;
  rejectionReason: string | null;
  report: StoredReport;
  findings: Finding[];
  reviews: { reviewer: string; decision: string; reason: string | null; createdAt: Date }[];
  approvalsRequired: number;
  current: boolean;
  /** The version in force before this one, to diff against in review. */
  previous?: { id: string; seq: number; report: StoredReport; host: string | null; port: number | null };
  issuedFrom?: string | null;
  /** For a CSR: the certificate version issued from it. */
  issuedCertificate?: string;
  /**
   * The asset's versions around this one (`HISTORY_AROUND` either side) and its newest, newest first; `historyTotal`
   * counts them all (the connection page pages through the rest).
   */
  history: { id: string; seq: number; state: VersionState; createdAt: Date }[];
  historyTotal: number;
  /** For a certificate the portal issued: the pending revocation request or the revocation. */
  revocation?: RevocationView;
  /** The last revocation request Thales declined, and why. */
  declinedRevocation?: DeclinedRevocation;
};

/** Versions listed either side of this one in its history: a long history is not read whole (issue 16). */
export const HISTORY_AROUND = 10;

/** Everything a specialist reads about one version: parsed detail, findings, reviews, history. */
export async function getVersion({
  db,
  actor,
  versionId,
}: {
  db: Db;
  actor: Actor;
  versionId: string;
}): Promise<VersionDetail> {
  const context = await loadVersion(db, actor, versionId);
  const row = await db.assetVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      createdAt: true,
      originalFilename: true,
      originalSha256: true,
      originalSize: true,
      host: true,
      port: true,
      basePath: true,
      sha256: true,
      notAfter: true,
      rejectionReason: true,
      report: true,
      findings: true,
      issuedFromVersionId: true,
      uploadedBy: { select: { id: true, email: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { decision: true, reason: true, createdAt: true, reviewer: { select: { email: true } } },
      },
    },
  });
  const issued = await db.assetVersion.findFirst({
    where: { issuedFromVersionId: versionId, organizationId: context.connection.organizationId },
    select: { id: true },
  });
  const historySelect = { id: true, seq: true, state: true, createdAt: true } as const;
  const [around, newest, historyTotal] = await Promise.all([
    db.assetVersion.findMany({
      where: {
        assetId: context.assetId,
        seq: { gte: context.seq - HISTORY_AROUND, lte: context.seq + HISTORY_AROUND },
      },
      orderBy: { seq: "desc" },
      select: historySelect,
    }),
    db.assetVersion.findFirst({ where: { assetId: context.assetId }, orderBy: { seq: "desc" }, select: historySelect }),
    db.assetVersion.count({ where: { assetId: context.assetId } }),
  ]);
  const history = newest && !around.some((h) => h.id === newest.id) ? [newest, ...around] : around;
  const previousInForce = await db.assetVersion.findFirst({
    where: {
      assetId: context.assetId,
      seq: { lt: context.seq },
      state: { in: ["APPROVED", "ISSUED", "SUPERSEDED", "PUBLISHED", "ACKNOWLEDGED"] },
    },
    orderBy: { seq: "desc" },
    select: { id: true, seq: true, report: true, host: true, port: true },
  });
  return {
    id: context.id,
    seq: context.seq,
    state: context.state,
    kind: KINDS[context.kind],
    connection: context.connection,
    createdAt: row.createdAt,
    uploadedBy: row.uploadedBy,
    originalFilename: row.originalFilename,
    originalSha256: row.originalSha256,
    originalSize: row.originalSize,
    normalizedPem: context.normalizedPem,
    host: row.host,
    port: row.port,
    basePath: row.basePath,
    sha256: row.sha256,
    notAfter: row.notAfter,
    rejectionReason: row.rejectionReason,
    report: parseStoredReport(row.report),
    findings: parseFindings(row.findings),
    reviews: row.reviews.map((r) => ({
      reviewer: r.reviewer.email,
      decision: r.decision,
      reason: r.reason,
      createdAt: r.createdAt,
    })),
    approvalsRequired: requiredApprovals(context.connection.environment),
    current: context.currentVersionId === context.id,
    previous: previousInForce ? { ...previousInForce, report: parseStoredReport(previousInForce.report) } : undefined,
    issuedFrom: row.issuedFromVersionId,
    issuedCertificate: issued?.id,
    history: history.map((h) => ({ ...h, state: h.state as VersionState })),
    historyTotal,
    ...(KINDS[context.kind].providedBy === "thales-issue"
      ? { revocation: await getRevocation(db, versionId), declinedRevocation: await getLastDecline(db, versionId) }
      : {}),
  };
}
