import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { SearchQuery } from "@/lib/server/api/schemas";
import { searchVersions } from "@/lib/server/search/search-versions";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = parseQuery(request, SearchQuery, z.prettifyError);
  return NextResponse.json(await searchVersions({ db: getDb(), actor, query }));
});
