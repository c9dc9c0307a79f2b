import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { assetSummaryDto } from "@/lib/server/api/dto";
import { requirePermission } from "@/lib/server/auth/guards";
import { actionableVersion } from "@/lib/server/assets/get-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { approveVersion } from "@/lib/server/assets/approve-version";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const db = getDb();
  requirePermission(actor, "asset:review");
  const versionId = await actionableVersion(db, actor, id, ["SUBMITTED", "IN_REVIEW"]);
  const { state } = await approveVersion({ db, actor, versionId, origin });
  return NextResponse.json({
    asset: assetSummaryDto(await getAssetSummary({ db, actor, assetId: id })),
    versionId,
    state,
  });
});
