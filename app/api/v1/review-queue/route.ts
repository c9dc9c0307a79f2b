import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { reviewQueueItemDto } from "@/lib/server/api/dto";
import { listReviewQueue, reviewQueueFilter } from "@/lib/server/assets/list-review-queue";

/** What waits for Thales, oldest first: the same filters as the review page. */
export const GET = apiRoute(async ({ actor, request }) => {
  const query = reviewQueueFilter.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new AppError(
      "INVALID_INPUT",
      "Filters: program, environment, organizationId, state (SUBMITTED, IN_REVIEW, APPROVED), minAgeDays.",
    );
  const items = await listReviewQueue({ db: getDb(), actor, filter: query.data });
  return NextResponse.json(items.map(reviewQueueItemDto));
});
