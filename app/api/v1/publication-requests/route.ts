import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { publicationDto, publicationSummaryDto } from "@/lib/server/api/dto";
import { PublicationBody, PublicationsQuery } from "@/lib/server/api/schemas";
import { publishAsset, type PublishContent } from "@/lib/server/assets/publish-asset";
import { previewPublication } from "@/lib/server/publications/preview-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = PublicationsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new AppError("INVALID_INPUT", query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const rows = await listPublicationRequests({ db: getDb(), actor, state: query.data.state, take: query.data.limit });
  return NextResponse.json(rows.map(publicationSummaryDto));
});

/** Publish: PreProd is in force at once (201, PUBLISHED); Production is a request for a second person (201, PENDING). */
export const POST = apiRoute(async ({ actor, origin, request }) => {
  const parsed = PublicationBody.safeParse(await readJson(request));
  if (!parsed.success)
    throw new AppError(
      "INVALID_INPUT",
      parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  const body = parsed.data;
  const db = getDb();
  const content: PublishContent =
    "host" in body ? { host: body.host, basePath: body.basePath } : { file: body.content, filename: body.filename };
  const cutOverAt = "cutOverAt" in body && body.cutOverAt ? new Date(body.cutOverAt) : undefined;
  const preview = await previewPublication({
    db,
    actor,
    kind: body.kind,
    connectionIds: body.connectionIds,
    content,
    cutOverAt,
  });
  if (!preview.ok) return NextResponse.json({ verdict: "rejected", findings: preview.findings }, { status: 422 });
  if (preview.findings.some((f) => f.severity === "warning") && !body.acceptWarnings)
    return NextResponse.json({ verdict: "needs-confirmation", findings: preview.findings }, { status: 422 });
  const result = await publishAsset({
    db,
    actor,
    kind: body.kind,
    connectionIds: body.connectionIds,
    content,
    cutOverAt,
    origin,
  });
  if (!result.ok) return NextResponse.json({ verdict: "rejected", findings: result.findings }, { status: 422 });
  return NextResponse.json(
    {
      request: publicationDto(await getPublicationRequest({ db, actor, requestId: result.requestId })),
      findings: result.findings,
    },
    { status: 201 },
  );
});
