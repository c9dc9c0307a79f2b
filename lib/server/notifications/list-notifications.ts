import "server-only";
import { isEventCode, renderEvent, type EventPayload, type Topic } from "@/lib/assets/notification-events";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { sideOf } from "./side";

export type NotificationFilter = { topic?: Topic; unread?: boolean; id?: string };
export type NotificationDto = {
  id: string;
  type: string;
  topic: string;
  subject: string;
  text: string;
  action: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
};

/** The actor's own inbox (the where is the user id: nobody reads another's), newest first, rendered from the catalogue. */
export async function listNotifications({
  db,
  actor,
  filter = {},
  limit = 100,
}: {
  db: Db;
  actor: Actor;
  filter?: NotificationFilter;
  limit?: number;
}): Promise<NotificationDto[]> {
  const rows = await db.notification.findMany({
    where: {
      userId: actor.id,
      ...(filter.id ? { id: filter.id } : {}),
      ...(filter.topic ? { topic: filter.topic } : {}),
      ...(filter.unread ? { readAt: null } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(limit, 1), 500),
    select: { id: true, type: true, topic: true, createdAt: true, readAt: true, event: { select: { payload: true } } },
  });
  return rows.flatMap((row) => {
    if (!isEventCode(row.type)) return [];
    const rendered = renderEvent(row.type, JSON.parse(row.event.payload) as EventPayload, sideOf(actor));
    return [
      { id: row.id, type: row.type, topic: row.topic, createdAt: row.createdAt, readAt: row.readAt, ...rendered },
    ];
  });
}

export async function countUnread(db: Db, actor: Pick<Actor, "id">): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}
