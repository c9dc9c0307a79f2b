import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { assetSummaryDto, versionSummaryDto } from "@/lib/server/api/dto";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { deriveTrustStore } from "@/lib/server/assets/derive-trust-store";

/** A customer submits the CA certificates of one of their server chains as the connection's trust store. */
export const POST = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const db = getDb();
  const result = await deriveTrustStore({ db, actor, versionId: id, origin });
  const asset = await getAssetSummary({ db, actor, assetId: result.assetId, versionId: result.versionId });
  const version = asset.versions.find((v) => v.id === result.versionId)!;
  return NextResponse.json(
    { asset: assetSummaryDto(asset), version: versionSummaryDto(version), findings: result.findings },
    { status: 201 },
  );
});
