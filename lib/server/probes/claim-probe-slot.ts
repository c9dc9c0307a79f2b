import "server-only";
import type { Db } from "../db/client";

/** At most one probe per connection in this window, across every instance (DESIGN §6). */
export const PROBE_MIN_INTERVAL_MS = 60_000;

/**
 * Claims the connection's probe slot at `now`: one conditional UPDATE moves `lastStartedAt` forward only if it is
 * older than the window; the first probe of a connection inserts the row, and a concurrent insert loses on the
 * primary key. True when this caller may probe.
 */
export async function claimProbeSlot(db: Db, connectionId: string, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - PROBE_MIN_INTERVAL_MS);
  const moved = await db.probeThrottle.updateMany({
    where: { connectionId, lastStartedAt: { lte: cutoff } },
    data: { lastStartedAt: now },
  });
  if (moved.count === 1) return true;
  if (await db.probeThrottle.findUnique({ where: { connectionId }, select: { connectionId: true } })) return false;
  try {
    await db.probeThrottle.create({ data: { connectionId, lastStartedAt: now } });
    return true;
  } catch {
    return false;
  }
}
