import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** Marks one of the caller's notifications read (another user's is not found). */
export const POST = apiRoute<{ id: string }>(async ({ actor }, { id }) =>
  NextResponse.json(await markNotificationsRead({ db: getDb(), actor, notificationId: id })),
);
