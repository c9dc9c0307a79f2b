import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { assetSummaryDto } from "@/lib/server/api/dto";
import { requirePermission } from "@/lib/server/auth/guards";
import { actionableVersion, getAsset } from "@/lib/server/assets/get-asset";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const db = getDb();
  requirePermission(actor, "asset:issue");
  const asset = await getAsset({ db, actor, assetId: id });
  if (asset.kind !== "CUSTOMER_CSR") throw new AppError("CONFLICT", "Only a CUSTOMER_CSR asset is issued.");
  const versionId = await actionableVersion(db, actor, id, ["APPROVED"]);
  const issued = await issueCertificate({ db, actor, versionId, origin });
  return NextResponse.json({
    asset: assetSummaryDto(await getAsset({ db, actor, assetId: id })),
    versionId,
    state: "ISSUED",
    certificateAssetId: issued.assetId,
    certificateVersionId: issued.versionId,
    serialNumber: issued.serialNumber,
  });
});
