import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { decodeCursor, encodeCursor, nextLink } from "@/lib/server/api/cursor";
import { assetDetailDto } from "@/lib/server/api/dto";
import { AssetQuery } from "@/lib/server/api/schemas";
import { AppError } from "@/lib/server/errors";
import { getAsset } from "@/lib/server/assets/get-asset";
import { parseSeq } from "@/lib/assets/lifecycle";

export const GET = apiRoute<{ id: string }>(async ({ actor, request }, { id }) => {
  const { limit, cursor } = parseQuery(request, AssetQuery, z.prettifyError);
  const asset = await getAsset({
    db: getDb(),
    actor,
    assetId: id,
    limit,
    olderThan: cursor ? seqOf(cursor) : undefined,
  });
  const headers: Record<string, string> = {};
  if (asset.nextBefore !== null) headers.link = nextLink(request.url, encodeCursor([String(asset.nextBefore)]));
  return NextResponse.json(assetDetailDto(asset), { headers });
});

/** The cursor is the `seq` the next page starts below; anything else is a 422 like any invalid query. */
function seqOf(cursor: string): number {
  const seq = parseSeq(decodeCursor(cursor, 1)[0]!);
  if (seq === undefined)
    throw new AppError(
      "INVALID_INPUT",
      "cursor: not a cursor this endpoint gave out; follow the Link header's next URL.",
    );
  return seq;
}
