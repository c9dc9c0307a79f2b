import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { campaignDto } from "@/lib/server/api/dto";
import { getCampaignView } from "@/lib/server/campaigns/get-campaign";

export const GET = apiRoute<{ id: string }>(async ({ actor }, { id }) => {
  return NextResponse.json(campaignDto(await getCampaignView({ db: getDb(), actor, campaignId: id })));
});
