import "server-only";
import type { Db, Tx } from "../db/client";

/**
 * When each of these versions was acknowledged by the customer (absent: not yet). Read from the audit trail of the
 * lifecycle's ACKNOWLEDGE transition, not from the version's state: a later rotation moves an acknowledged version
 * on (RETIRING, SUPERSEDED), and the campaign must still show it was acknowledged.
 */
export async function acknowledgedAt(db: Db | Tx, versionIds: readonly string[]): Promise<Map<string, Date>> {
  if (versionIds.length === 0) return new Map();
  // No orderBy: Prisma splits a long `in` list into queries under the driver's bind limit (999 on SQLite) only when
  // the query has no orderBy, take or cursor. With one, the campaign list failed once its campaigns held ~1,000
  // targets (two campaigns of 500). The earliest acknowledgement per version is kept here instead.
  const rows = await db.auditEvent.findMany({
    where: { action: "asset.acknowledge", targetType: "AssetVersion", targetId: { in: [...versionIds] } },
    select: { targetId: true, createdAt: true },
  });
  const out = new Map<string, Date>();
  for (const row of rows) {
    const seen = row.targetId ? out.get(row.targetId) : undefined;
    if (row.targetId && (!seen || row.createdAt < seen)) out.set(row.targetId, row.createdAt);
  }
  return out;
}

/** The prefix of a campaign's reminder notices for one connection (the outbox dedupe key ends with the stage). */
export const reminderKeyPrefix = (campaignId: string, connectionId: string) =>
  `campaign-reminder:${campaignId}:${connectionId}:`;
