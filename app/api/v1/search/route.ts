import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { SearchQuery } from "@/lib/server/api/schemas";
import { searchVersions } from "@/lib/server/search/search-versions";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = SearchQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("INVALID_INPUT", z.prettifyError(query.error));
  return NextResponse.json(await searchVersions({ db: getDb(), actor, query: query.data }));
});
