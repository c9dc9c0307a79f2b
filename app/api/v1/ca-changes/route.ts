import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { caChangeDto } from "@/lib/server/api/dto";
import { listCaChanges } from "@/lib/server/ca-changes/list-ca-changes";

/** Announced server CA changes still ahead or in their grace period; the service scopes them to the caller. */
export const GET = apiRoute(async ({ actor }) => {
  const changes = await listCaChanges({ db: getDb(), actor });
  return NextResponse.json(changes.map(caChangeDto));
});
