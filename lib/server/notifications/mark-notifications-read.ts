import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";

export type MarkNotificationsReadOptions = { db: Db; actor: Actor; notificationId?: string; all?: boolean; now?: Date };

/**
 * Marks one notification (or all) of the actor read. Another user's notification simply does not match:
 * NOT_FOUND, never a hint. Returns the link of the one marked, to open it.
 */
export async function markNotificationsRead({
  db,
  actor,
  notificationId,
  all,
  now = new Date(),
}: MarkNotificationsReadOptions): Promise<{ count: number }> {
  if (all) return db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: now } });
  if (!notificationId) throw new AppError("INVALID_INPUT");
  const found = await db.notification.findFirst({
    where: { id: notificationId, userId: actor.id },
    select: { readAt: true },
  });
  if (!found) throw new AppError("NOT_FOUND");
  if (found.readAt) return { count: 0 };
  return db.notification.updateMany({
    where: { id: notificationId, userId: actor.id, readAt: null },
    data: { readAt: now },
  });
}
