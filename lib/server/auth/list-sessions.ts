import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";

export type SessionRow = { id: string; createdAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** The user's own open sessions, newest first (the account page shows them beside "Sign out everywhere"). */
export async function listSessions({ db, actor }: { db: Db; actor: Actor }): Promise<SessionRow[]> {
  const rows = await db.session.findMany({
    where: { userId: actor.id, endedAt: null },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, ip: true, userAgent: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}
