import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "../db/client";
import { requirePermission } from "../auth/guards";
import { getAssetSummary } from "../assets/get-asset-summary";
import type { AssetCommand } from "../assets/asset-commands";
import { apiRoute } from "./http";
import { assetSummaryDto } from "./dto";

/**
 * POST /api/v1/assets/{id}/<command>: the command's permission first (403 before the body is read or anything is
 * looked up), then its body, then the asset-level use case, answered with the asset summary and what it did.
 */
export function assetCommandRoute<Extra extends object>(
  command: AssetCommand<Extra>,
  readBody: (request: Request) => Promise<Extra> = async () => ({}) as Extra,
) {
  return apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
    const db = getDb();
    requirePermission(actor, command.action);
    const done = await command({ db, actor, assetId: id, origin, ...(await readBody(request)) });
    return NextResponse.json({ asset: assetSummaryDto(await getAssetSummary({ db, actor, assetId: id })), ...done });
  });
}
