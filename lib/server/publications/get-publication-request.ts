import "server-only";
import { SEPARATION_RULES, secondPersonProblem } from "@/lib/assets/separation";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadConnection } from "../connections/load-connection";
import { loadStaffPeople } from "../grants/staff-person";
import { parseFindings, parseStoredReport } from "../assets/version-record";
import { requesterEmails, summaryOf, type PublicationRequestSummary } from "./list-publication-requests";
import { targetChanges, type TargetPreview } from "./target-changes";

export type PublicationRequestDetail = Omit<PublicationRequestSummary, "targets"> & {
  findings: ReturnType<typeof parseFindings>;
  certificates: { subject: string; serialNumber: string; sha256: string; notAfter: string }[];
  host: string | null;
  basePath: string | null;
  /** The chosen cut-over of the versions it replaces (kinds with overlap); null: the default. */
  cutOverAt: Date | null;
  /** Per target: what it changes now (pending; null once decided), and the version it created (published). */
  targets: (TargetPreview & { versionId: string | null })[];
  /** Why the caller may not approve it (null: they may). */
  approvalBlockedBecause: string | null;
};

/** One publication request with its targets; a pending one with what each target's trust store would gain and lose. */
export async function getPublicationRequest({
  db,
  actor,
  requestId,
}: {
  db: Db;
  actor: Actor;
  requestId: string;
}): Promise<PublicationRequestDetail> {
  requirePermission(actor, "asset:publish");
  const row = await db.publicationRequest.findUnique({ where: { id: requestId }, include: { targets: true } });
  if (!row) throw new AppError("NOT_FOUND");
  const connections = await Promise.all(row.targets.map((t) => loadConnection(db, actor, t.connectionId)));
  const previews =
    row.state === "PENDING"
      ? await targetChanges(db, row.kind as AssetKind, row, connections, { cutOverAt: row.cutOverAt, now: new Date() })
      : connections.map((c): TargetPreview => ({
          connectionId: c.id,
          organization: c.organizationName,
          identifier: c.identifier,
          program: c.program,
          environment: c.environment,
          trustStore: null,
          retiring: null,
          host: null,
        }));
  const people = await loadStaffPeople(db, [row.requestedById, actor.id]);
  const requester = people.get(row.requestedById);
  const problem = requester ? secondPersonProblem(requester, people.get(actor.id)!) : null;
  const emails = await requesterEmails(db, [row]);
  const report = parseStoredReport(row.report);
  return {
    ...summaryOf(row, emails),
    findings: parseFindings(row.findings),
    certificates: report.certificates.map((c) => ({
      subject: c.subject,
      serialNumber: c.serialNumber,
      sha256: c.sha256,
      notAfter: c.notAfter,
    })),
    host: row.host,
    basePath: row.basePath,
    cutOverAt: row.cutOverAt,
    targets: previews.map((p) => ({
      ...p,
      versionId: row.targets.find((t) => t.connectionId === p.connectionId)?.versionId ?? null,
    })),
    approvalBlockedBecause: problem ? SEPARATION_RULES[problem] : null,
  };
}
