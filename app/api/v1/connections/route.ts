import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { connectionDto } from "@/lib/server/api/dto";
import { ConnectionsQuery } from "@/lib/server/api/schemas";
import { listConnections } from "@/lib/server/connections/list-connections";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = ConnectionsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("INVALID_INPUT", z.prettifyError(query.error));
  return NextResponse.json((await listConnections({ db: getDb(), actor, filter: query.data })).map(connectionDto));
});
