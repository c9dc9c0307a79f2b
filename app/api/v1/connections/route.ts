import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { connectionDto } from "@/lib/server/api/dto";
import { listConnections } from "@/lib/server/connections/list-connections";

export const GET = apiRoute(async ({ actor }) => NextResponse.json((await listConnections({ db: getDb(), actor })).map(connectionDto)));
