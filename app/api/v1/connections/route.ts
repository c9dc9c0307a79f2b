import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { decodeCursor, encodeCursor, nextLink } from "@/lib/server/api/cursor";
import { connectionDto } from "@/lib/server/api/dto";
import { ConnectionsQuery } from "@/lib/server/api/schemas";
import { listConnections } from "@/lib/server/connections/list-connections";

export const GET = apiRoute(async ({ actor, request }) => {
  const { limit, cursor, ...filter } = parseQuery(request, ConnectionsQuery, z.prettifyError);
  const after = cursor ? decodeCursor(cursor, 4) : undefined;
  // One row more than the page tells whether a next page exists without counting.
  const rows = await listConnections({
    db: getDb(),
    actor,
    filter: {
      ...filter,
      limit: limit + 1,
      ...(after
        ? { after: { organization: after[0]!, identifier: after[1]!, environment: after[2]!, id: after[3]! } }
        : {}),
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const headers: Record<string, string> = {};
  if (rows.length > limit && last)
    headers.link = nextLink(request.url, encodeCursor([last.organization, last.identifier, last.environment, last.id]));
  return NextResponse.json(page.map(connectionDto), { headers });
});
