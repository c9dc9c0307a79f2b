import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { getCurrentUser } from "@/lib/server/auth/session";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { toAppError } from "@/lib/server/errors";

/** Opens a notification: marks it read and goes to the object it is about (only the user's own; else 404). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.redirect(new URL("/login", request.url));
  const { id } = await params;
  try {
    await markNotificationsRead({ db: getDb(), actor, notificationId: id });
  } catch (error) {
    const known = toAppError(error);
    if (known) return new NextResponse(known.userMessage, { status: known.status });
    throw error;
  }
  const [item] = await listNotifications({ db: getDb(), actor, filter: { id }, limit: 1 });
  return NextResponse.redirect(new URL(item?.link ?? "/notifications", request.url), 303);
}
