import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { reviewQueueItemDto } from "@/lib/server/api/dto";
import { listReviewQueue, reviewQueueFilter } from "@/lib/server/assets/list-review-queue";

/** What waits for Thales, oldest first (500 at most, the whole count in X-Total-Count): the review page's filters. */
export const GET = apiRoute(async ({ actor, request }) => {
  const filter = parseQuery(
    request,
    reviewQueueFilter,
    "Filters: program, environment, organizationId, state (SUBMITTED, IN_REVIEW, APPROVED), minAgeDays.",
  );
  const { items, total } = await listReviewQueue({ db: getDb(), actor, filter });
  return NextResponse.json(items.map(reviewQueueItemDto), { headers: { "x-total-count": String(total) } });
});
