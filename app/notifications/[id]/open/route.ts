import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { getCurrentUser } from "@/lib/server/auth/session";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { toAppError } from "@/lib/server/errors";

/** Opens a notification: marks it read and goes to the object it is about (only the user's own; else 404). */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return new NextResponse(null, { status: 307, headers: { location: "/login" } });
  const { id } = await params;
  try {
    await markNotificationsRead({ db: getDb(), actor, notificationId: id });
  } catch (error) {
    const known = toAppError(error);
    if (known) return new NextResponse(known.userMessage, { status: known.status });
    throw error;
  }
  const [item] = await listNotifications({ db: getDb(), actor, filter: { id }, limit: 1 });
  // A relative Location: behind a proxy request.url names the internal host, not the one the browser used.
  return new NextResponse(null, { status: 303, headers: { location: item?.link ?? "/notifications" } });
}
