import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody } from "@/lib/server/api/parse-input";
import { assetSummaryDto, versionSummaryDto } from "@/lib/server/api/dto";
import { UploadBody } from "@/lib/server/api/schemas";
import { listConnectionAssets } from "@/lib/server/connections/list-connection-assets";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { uploadAsset } from "@/lib/server/assets/upload-asset";

export const GET = apiRoute<{ id: string }>(async ({ actor }, { id }) => {
  const assets = await listConnectionAssets({ db: getDb(), actor, connectionId: id });
  return NextResponse.json(assets.map(assetSummaryDto));
});

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const body = await parseBody(request, UploadBody);
  const db = getDb();
  const result = await uploadAsset({
    db,
    actor,
    connectionId: id,
    kind: body.kind,
    origin,
    confirmWarnings: body.acceptWarnings,
    content: "host" in body ? { host: body.host, port: body.port } : { file: body.content, filename: body.filename },
    cutOverAt: "cutOverAt" in body && body.cutOverAt ? new Date(body.cutOverAt) : undefined,
  });
  if (result.status !== "stored")
    return NextResponse.json(
      {
        verdict: result.status === "rejected" ? "rejected" : "needs-confirmation",
        findings: result.findings,
        ...(result.fix ? { fix: { command: result.fix.command, notes: result.fix.notes } } : {}),
      },
      { status: 422 },
    );
  const asset = await getAssetSummary({ db, actor, assetId: result.assetId, versionId: result.versionId });
  const version = asset.versions.find((v) => v.id === result.versionId)!;
  return NextResponse.json(
    { asset: assetSummaryDto(asset), version: versionSummaryDto(version), findings: result.findings },
    { status: 201 },
  );
});
