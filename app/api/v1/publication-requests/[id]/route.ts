import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { publicationDto } from "@/lib/server/api/dto";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";

export const GET = apiRoute<{ id: string }>(async ({ actor }, { id }) => {
  return NextResponse.json(publicationDto(await getPublicationRequest({ db: getDb(), actor, requestId: id })));
});
