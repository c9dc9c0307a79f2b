import "server-only";
import { NextResponse } from "next/server";
import { statesAllowing, type LifecycleEvent, type VersionState } from "@/lib/assets/lifecycle";
import type { Action } from "@/lib/assets/permissions";
import { getDb, type Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { requirePermission } from "../auth/guards";
import { actionableVersion } from "../assets/get-asset";
import { getAssetSummary } from "../assets/get-asset-summary";
import { apiRoute } from "./http";
import { assetSummaryDto } from "./dto";

type VersionService = (options: {
  db: Db;
  actor: Actor;
  versionId: string;
  origin?: RequestOrigin;
}) => Promise<{ state: VersionState }>;

/**
 * POST /api/v1/assets/{id}/<command>: the permission (403 before anything is looked up), the newest version the
 * lifecycle lets `event` move (409 when none), the version service, then the asset summary.
 */
export function assetCommand(action: Action, event: LifecycleEvent, service: VersionService) {
  return apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
    const db = getDb();
    requirePermission(actor, action);
    const versionId = await actionableVersion(db, actor, id, statesAllowing(event));
    const { state } = await service({ db, actor, versionId, origin });
    return NextResponse.json({
      asset: assetSummaryDto(await getAssetSummary({ db, actor, assetId: id })),
      versionId,
      state,
    });
  });
}
