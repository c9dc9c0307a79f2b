import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { notificationDto } from "@/lib/server/api/dto";
import { NotificationsQuery } from "@/lib/server/api/schemas";
import { listNotifications } from "@/lib/server/notifications/list-notifications";

/** The caller's own inbox, newest first: the same items and filters as /notifications. */
export const GET = apiRoute(async ({ actor, request }) => {
  const { topic, unread, limit } = parseQuery(
    request,
    NotificationsQuery,
    "Filters: topic (a topic code), unread (true or false), limit (1 to 500).",
  );
  const items = await listNotifications({ db: getDb(), actor, filter: { topic, unread: unread === "true" }, limit });
  return NextResponse.json(items.map(notificationDto));
});
