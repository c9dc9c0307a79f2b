import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** Marks every unread notification of the caller read. */
export const POST = apiRoute(async ({ actor }) =>
  NextResponse.json(await markNotificationsRead({ db: getDb(), actor, all: true })),
);
