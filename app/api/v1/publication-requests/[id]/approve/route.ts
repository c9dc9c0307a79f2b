import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { publicationDto } from "@/lib/server/api/dto";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const db = getDb();
  await decidePublication({ db, actor, requestId: id, decision: "APPROVE", origin });
  return NextResponse.json(publicationDto(await getPublicationRequest({ db, actor, requestId: id })));
});
