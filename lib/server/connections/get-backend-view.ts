import "server-only";
import { BACKEND_KINDS, KINDS, isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { IN_FORCE, type VersionState } from "@/lib/assets/lifecycle";
import { can } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { parseStoredReport } from "../assets/version-record";
import { loadConnection } from "./load-connection";

export type BackendCertificate = { subject: string; serialNumber: string; notAfter: string; sha256: string };
export type BackendEntry = {
  kind: AssetKind;
  label: string;
  /** accepts: a client certificate the backend takes from the customer; trusts: CAs it trusts to call them. */
  role: "accepts" | "trusts";
  versionId: string;
  seq: number;
  state: VersionState;
  /** During a renewal's overlap: when this version leaves the backend. */
  retireAt: Date | null;
  certificates: BackendCertificate[];
};

/**
 * What the D1/TSH backend must hold for one connection, for Thales: the customer's client certificates it
 * accepts and the server CAs it trusts, from every version in force (old and new during a renewal's overlap,
 * with the cut-over). Customers and other roles get NOT_FOUND, like the backend trust-store export.
 */
export async function getBackendView({
  db,
  actor,
  connectionId,
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
}): Promise<BackendEntry[]> {
  if (!can(actor.role, "connection:read-any")) throw new AppError("NOT_FOUND");
  const connection = await loadConnection(db, actor, connectionId);
  const rows = await db.assetVersion.findMany({
    where: {
      organizationId: connection.organizationId,
      asset: { connectionId: connection.id, kind: { in: BACKEND_KINDS } },
      state: { in: [...IN_FORCE] },
    },
    orderBy: [{ asset: { kind: "asc" } }, { seq: "desc" }],
    select: { id: true, seq: true, state: true, retireAt: true, report: true, asset: { select: { kind: true } } },
  });
  return rows.flatMap((row) => {
    if (!isAssetKind(row.asset.kind)) return [];
    const info = KINDS[row.asset.kind];
    const role = info.backendAccepts ? "accepts" : "trusts";
    const all = parseStoredReport(row.report).certificates ?? [];
    // A client certificate: its leaf (a self-signed one is its own root); trusted material: its CAs.
    const leaf = all.find((c) => c.role === "leaf") ?? all[0];
    const chosen = role === "accepts" ? (leaf ? [leaf] : []) : all.filter((c) => c.role !== "leaf");
    return [
      {
        kind: info.kind,
        label: info.label,
        role,
        versionId: row.id,
        seq: row.seq,
        state: row.state as VersionState,
        retireAt: row.state === "RETIRING" ? row.retireAt : null,
        certificates: chosen.map((c) => ({
          subject: c.subject,
          serialNumber: c.serialNumber,
          notAfter: c.notAfter,
          sha256: c.sha256,
        })),
      },
    ];
  });
}
