import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { publicationDto } from "@/lib/server/api/dto";
import { RefuseBody } from "@/lib/server/api/schemas";
import { requirePermission } from "@/lib/server/auth/guards";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  requirePermission(actor, "asset:publish");
  const body = RefuseBody.safeParse(await readJson(request));
  if (!body.success) throw new AppError("INVALID_INPUT", 'Give a reason of 3 to 2000 characters: { "reason": "…" }.');
  const db = getDb();
  await decidePublication({ db, actor, requestId: id, decision: "REFUSE", reason: body.data.reason, origin });
  return NextResponse.json(publicationDto(await getPublicationRequest({ db, actor, requestId: id })));
});
