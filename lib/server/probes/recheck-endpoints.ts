import "server-only";
import type { Db } from "../db/client";
import { isAppError } from "../errors";
import type { ProbeConfig } from "./probe-config";
import { runProbe } from "./probe-connection";

export const RECHECK_EVERY_MS = 24 * 60 * 60_000;

export type RecheckResult = { checked: number; changed: number; skipped: number; changedConnections: string[] };

/**
 * The daily re-check (issue 13 §4): every connection with an endpoint host whose last check is a day old (or
 * missing) is probed again, as `scheduled`. Safe with several instances: each probe first claims the
 * connection's slot in ProbeThrottle, so two instances never probe one connection twice.
 *
 * Hook for the job scheduler (notifications issue): register it in lib/server/jobs/job-table.ts as
 * `{ name: "endpoint-recheck", everyMs: 60 * MINUTE, leaseMs: 30 * MINUTE, run: recheckEndpoints }`; and where a
 * result changed (`changedConnections`), emit the "endpoint check changed" event to both sides through the outbox.
 * Until that lands, `changed` is counted and audited (`connection.probed` with trigger "scheduled") only.
 */
export async function recheckEndpoints({
  db,
  now,
  config,
  limit = 200,
}: {
  db: Db;
  now: Date;
  config?: ProbeConfig;
  limit?: number;
}): Promise<RecheckResult> {
  const hosts = await db.asset.findMany({
    where: { kind: "ISSUER_HOST", currentVersionId: { not: null } },
    select: { connectionId: true, organizationId: true },
  });
  const cutoff = new Date(now.getTime() - RECHECK_EVERY_MS);
  const result: RecheckResult = { checked: 0, changed: 0, skipped: 0, changedConnections: [] };
  for (const { connectionId, organizationId } of hosts) {
    if (result.checked >= limit) break;
    const last = await db.endpointProbe.findFirst({
      where: { connectionId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, verdict: true, result: true },
    });
    if (last && last.createdAt > cutoff) continue;
    try {
      const probe = await runProbe({
        db,
        actor: null,
        connection: { id: connectionId, organizationId },
        now,
        config,
        trigger: "scheduled",
      });
      result.checked++;
      const before = last
        ? (JSON.parse(last.result) as { findings: { code: string }[] }).findings
            .map((f) => f.code)
            .sort()
            .join()
        : undefined;
      const after = probe.findings
        .map((f) => f.code)
        .sort()
        .join();
      if (last && (last.verdict !== probe.verdict || before !== after)) {
        result.changed++;
        result.changedConnections.push(connectionId);
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.skipped++; // throttled by another instance, or the host went away meanwhile
    }
  }
  return result;
}
