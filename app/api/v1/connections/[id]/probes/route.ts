import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { listEndpointProbes } from "@/lib/server/probes/list-endpoint-probes";

export const GET = apiRoute<{ id: string }>(async ({ actor }, { id }) =>
  NextResponse.json(await listEndpointProbes({ db: getDb(), actor, connectionId: id })),
);
