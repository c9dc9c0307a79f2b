import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { assetSummaryDto } from "@/lib/server/api/dto";
import { RejectBody } from "@/lib/server/api/schemas";
import { requirePermission } from "@/lib/server/auth/guards";
import { actionableVersion } from "@/lib/server/assets/get-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { rejectVersion } from "@/lib/server/assets/reject-version";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const db = getDb();
  requirePermission(actor, "asset:review");
  const body = RejectBody.safeParse(await readJson(request));
  if (!body.success) throw new AppError("INVALID_INPUT", 'Give a reason of 3 to 2000 characters: { "reason": "…" }.');
  const versionId = await actionableVersion(db, actor, id, ["SUBMITTED", "IN_REVIEW"]);
  const { state } = await rejectVersion({ db, actor, versionId, reason: body.data.reason, origin });
  return NextResponse.json({
    asset: assetSummaryDto(await getAssetSummary({ db, actor, assetId: id })),
    versionId,
    state,
  });
});
