import "server-only";
import { isAssetKind, kindsFor } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadConnection } from "./load-connection";
import { assetSummarySelect, summarizeAsset, type AssetSummaryView } from "../assets/get-asset-summary";

/**
 * The assets of a connection (GET /api/v1/connections/{id}/assets): each one's state and the version in force, in
 * the program's order of kinds. Reads two or three versions per asset, whatever its history (it read every version
 * with its report, twice, for this answer: issue 16).
 */
export async function listConnectionAssets({
  db,
  actor,
  connectionId,
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
}): Promise<AssetSummaryView[]> {
  const connection = await loadConnection(db, actor, connectionId);
  const assets = await db.asset.findMany({
    where: { connectionId: connection.id, organizationId: connection.organizationId },
    select: assetSummarySelect,
  });
  const order = kindsFor(connection.program).map((info) => info.kind);
  const known = assets
    .flatMap((a) => (isAssetKind(a.kind) && order.includes(a.kind) ? [{ ...a, kind: a.kind }] : []))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return Promise.all(known.map((asset) => summarizeAsset(db, asset)));
}
