import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody } from "@/lib/server/api/parse-input";
import { ProbeBody } from "@/lib/server/api/schemas";
import { probeConnection } from "@/lib/server/probes/probe-connection";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  // An empty body is a plain check; `{ "port": n }` only in lab mode (the service decides).
  const { port } = await parseBody(request, ProbeBody, {
    emptyAs: {},
    invalid: "port must be an integer from 1 to 65535.",
  });
  return NextResponse.json(await probeConnection({ db: getDb(), actor, connectionId: id, origin, port }));
});
