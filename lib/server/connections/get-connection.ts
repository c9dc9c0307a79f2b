import "server-only";
import { kindsFor, type KindInfo } from "@/lib/assets/kinds";
import { dnValues } from "@/lib/pki/dn";
import type { VersionState } from "@/lib/assets/lifecycle";
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
  assets: { info: KindInfo; assetId?: string; versions: VersionRow[] }[];
};

/** One connection with every asset slot of its program and the full version history of each. */
export async function getConnection({
  db,
  actor,
  connectionId,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
  now?: Date;
}): Promise<ConnectionDetail> {
  const [row] = await listConnections({ db, actor, now, filter: { id: connectionId } });
  if (!row) throw new AppError("NOT_FOUND");
  const assets = await db.asset.findMany({
    where: { connectionId, organizationId: row.organizationId },
    select: {
      id: true,
      kind: true,
      currentVersionId: true,
      versions: {
        orderBy: { seq: "desc" },
        select: {
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
        },
      },
    },
  });
  const byKind = new Map(assets.map((a) => [a.kind, a]));
  return {
    ...row,
    assets: kindsFor(row.program).map((info) => {
      const asset = byKind.get(info.kind);
      return {
        info,
        assetId: asset?.id,
        versions: (asset?.versions ?? []).map(({ uploadedBy, report, ...v }) => ({
          ...v,
          certificate: info.content === "certificate" || info.content === "certificates" ? leafOf(report) : null,
          state: v.state as VersionState,
          uploadedBy: uploadedBy.email,
          current: v.id === asset?.currentVersionId,
        })),
      };
    }),
  };
}

/** CN and serial of the first certificate a stored report lists (null when it lists none). */
function leafOf(reportJson: string): VersionRow["certificate"] {
  const first = parseStoredReport(reportJson).certificates?.[0];
  if (!first) return null;
  return { cn: dnValues(first.details.subject, "CN")[0] ?? null, serial: first.serialNumber };
}
