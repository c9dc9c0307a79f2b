import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { ProbeBody } from "@/lib/server/api/schemas";
import { AppError } from "@/lib/server/errors";
import { probeConnection } from "@/lib/server/probes/probe-connection";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  // An empty body is a plain check; `{ "port": n }` only in lab mode (the service decides).
  const body = ProbeBody.safeParse(await readJson(request, { emptyAs: {} }));
  if (!body.success) throw new AppError("INVALID_INPUT", "port must be an integer from 1 to 65535.");
  return NextResponse.json(
    await probeConnection({ db: getDb(), actor, connectionId: id, origin, port: body.data.port }),
  );
});
