import "server-only";
import type { Db } from "../db/client";
import { recordAudit } from "../audit/record-audit";

/** Sign-out: ends this one session server-side, so a copy of its cookie opens nothing afterwards. */
export async function endSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { endedAt: true, user: { select: { id: true, email: true, role: true, organizationId: true } } },
  });
  if (!session || session.endedAt) return;
  await db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: now, endReason: "sign-out" },
    });
    if (ended.count === 1)
      await recordAudit(tx, {
        action: "auth.logout",
        actor: { ...session.user, role: session.user.role as never },
        target: { type: "Session", id: sessionId },
      });
  });
}
