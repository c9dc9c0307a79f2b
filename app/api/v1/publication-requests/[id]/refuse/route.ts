import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody } from "@/lib/server/api/parse-input";
import { publicationDto } from "@/lib/server/api/dto";
import { REASON_INVALID, RefuseBody } from "@/lib/server/api/schemas";
import { requirePermission } from "@/lib/server/auth/guards";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  requirePermission(actor, "asset:publish");
  const { reason } = await parseBody(request, RefuseBody, { invalid: REASON_INVALID });
  const db = getDb();
  await decidePublication({ db, actor, requestId: id, decision: "REFUSE", reason, origin });
  return NextResponse.json(publicationDto(await getPublicationRequest({ db, actor, requestId: id })));
});
