import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody, parseQuery } from "@/lib/server/api/parse-input";
import { campaignDto, campaignSummaryDto } from "@/lib/server/api/dto";
import { CampaignBody, CampaignsQuery } from "@/lib/server/api/schemas";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { getCampaignView } from "@/lib/server/campaigns/get-campaign";
import { listCampaigns } from "@/lib/server/campaigns/list-campaigns";

export const GET = apiRoute(async ({ actor, request }) => {
  const query = parseQuery(request, CampaignsQuery);
  return NextResponse.json((await listCampaigns({ db: getDb(), actor, take: query.limit })).map(campaignSummaryDto));
});

/** Start a rotation campaign: PreProd in force at once, Production a request for a second person (201 either way). */
export const POST = apiRoute(async ({ actor, origin, request }) => {
  const body = await parseBody(request, CampaignBody);
  const db = getDb();
  const content = { file: body.content, filename: body.filename };
  const cutOverAt = body.cutOverAt ? new Date(body.cutOverAt) : undefined;
  const result = await createCampaign({
    db,
    actor,
    kind: body.kind,
    program: body.program,
    environment: body.environment,
    connectionIds: body.connectionIds,
    content,
    cutOverAt,
    origin,
    confirmWarnings: body.acceptWarnings,
  });
  if (!result.ok) return NextResponse.json({ verdict: result.verdict, findings: result.findings }, { status: 422 });
  return NextResponse.json(
    {
      campaign: campaignDto(await getCampaignView({ db, actor, campaignId: result.campaignId })),
      findings: result.findings,
    },
    { status: 201 },
  );
});
