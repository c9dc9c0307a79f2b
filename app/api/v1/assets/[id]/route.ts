import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { assetDetailDto } from "@/lib/server/api/dto";
import { getAsset } from "@/lib/server/assets/get-asset";

export const GET = apiRoute<{ id: string }>(async ({ actor }, { id }) =>
  NextResponse.json(assetDetailDto(await getAsset({ db: getDb(), actor, assetId: id }))),
);
