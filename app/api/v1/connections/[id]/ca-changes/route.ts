import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody } from "@/lib/server/api/parse-input";
import { CaChangeBody } from "@/lib/server/api/schemas";
import { declareCaChange } from "@/lib/server/ca-changes/declare-ca-change";

export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const body = await parseBody(request, CaChangeBody);
  const files = Object.fromEntries(body.uploads.map((u) => [u.kind, { file: u.content, filename: u.filename }]));
  if (Object.keys(files).length !== body.uploads.length)
    throw new AppError("INVALID_INPUT", "uploads: one file per kind.");
  const result = await declareCaChange({
    db: getDb(),
    actor,
    connectionId: id,
    changeAt: new Date(body.changeAt.length === 10 ? `${body.changeAt}T00:00:00Z` : body.changeAt),
    files,
    confirmWarnings: body.acceptWarnings,
    origin,
  });
  if (result.status !== "stored")
    return NextResponse.json({ verdict: result.status, results: result.results }, { status: 422 });
  return NextResponse.json(
    { id: result.caChangeId, retireAt: result.retireAt.toISOString(), versions: result.versions },
    { status: 201 },
  );
});
