import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody, parseQuery } from "@/lib/server/api/parse-input";
import { publicationDto, publicationSummaryDto } from "@/lib/server/api/dto";
import { PublicationBody, PublicationsQuery } from "@/lib/server/api/schemas";
import { publishAsset, type PublishContent } from "@/lib/server/assets/publish-asset";
import { previewPublication } from "@/lib/server/publications/preview-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = parseQuery(request, PublicationsQuery);
  const rows = await listPublicationRequests({ db: getDb(), actor, state: query.state, take: query.limit });
  return NextResponse.json(rows.map(publicationSummaryDto));
});

/** Publish: PreProd is in force at once (201, PUBLISHED); Production is a request for a second person (201, PENDING). */
export const POST = apiRoute(async ({ actor, origin, request }) => {
  const body = await parseBody(request, PublicationBody);
  const db = getDb();
  const content: PublishContent =
    "host" in body ? { host: body.host, basePath: body.basePath } : { file: body.content, filename: body.filename };
  const cutOverAt = "cutOverAt" in body && body.cutOverAt ? new Date(body.cutOverAt) : undefined;
  // The preview and the publication take the same input: what was previewed is what is published.
  const input = { db, actor, kind: body.kind, connectionIds: body.connectionIds, content, cutOverAt };
  const preview = await previewPublication(input);
  if (!preview.ok) return NextResponse.json({ verdict: "rejected", findings: preview.findings }, { status: 422 });
  if (preview.findings.some((f) => f.severity === "warning") && !body.acceptWarnings)
    return NextResponse.json({ verdict: "needs-confirmation", findings: preview.findings }, { status: 422 });
  const result = await publishAsset({ ...input, origin });
  if (!result.ok) return NextResponse.json({ verdict: "rejected", findings: result.findings }, { status: 422 });
  return NextResponse.json(
    {
      request: publicationDto(await getPublicationRequest({ db, actor, requestId: result.requestId })),
      findings: result.findings,
    },
    { status: 201 },
  );
});
