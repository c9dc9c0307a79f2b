import "server-only";
import { isEnvironment, isProgram } from "@/lib/pki";
import type { Db } from "../db/client";
import { isAppError } from "../errors";
import type { ProbeConfig } from "./probe-config";
import { runProbe } from "./probe-connection";
import { emitEvent } from "../notifications/emit-event";

async function notifyChange(
  db: Db,
  connectionId: string,
  organizationId: string,
  change: string,
  probeId: string,
  now: Date,
) {
  const c = await db.connection.findUniqueOrThrow({
    where: { id: connectionId },
    select: {
      environment: true,
      identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
    },
  });
  const payload = {
    organizationName: c.identifier.organization.name,
    identifier: c.identifier.value,
    connectionId,
    reason: change,
    ...(isEnvironment(c.environment) ? { environment: c.environment } : {}),
    ...(isProgram(c.identifier.program) ? { program: c.identifier.program } : {}),
  };
  await db.$transaction((tx) =>
    emitEvent(tx, { type: "endpoint.check_changed", organizationId, payload, dedupeKey: `probe:${probeId}`, now }),
  );
}

export const RECHECK_EVERY_MS = 24 * 60 * 60_000;

export type RecheckResult = { checked: number; changed: number; skipped: number; changedConnections: string[] };

/**
 * The daily re-check (issue 13 §4): every connection with an endpoint host in force whose last check is a day old
 * is probed again, as `scheduled`. Safe with several instances: each probe first claims the
 * connection's slot in ProbeThrottle, so two instances never probe one connection twice.
 *
 * Run by the job scheduler (lib/server/jobs/job-table.ts, "endpoint-recheck"). Where the verdict or the set of
 * finding codes changed, both sides are told through the outbox ("endpoint.check_changed"), once per probe.
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
    // A re-check repeats a check someone ran once (the button or the API); a host never checked waits for that.
    if (!last || last.createdAt > cutoff) continue;
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
      const codes = (findings: { code: string }[]) =>
        findings
          .map((f) => f.code)
          .sort()
          .join();
      const before = codes((JSON.parse(last.result) as { findings: { code: string }[] }).findings);
      if (last.verdict !== probe.verdict || before !== codes(probe.findings)) {
        result.changed++;
        result.changedConnections.push(connectionId);
        await notifyChange(db, connectionId, organizationId, `${last.verdict} → ${probe.verdict}`, probe.id, now);
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.skipped++; // throttled by another instance, or the host went away meanwhile
    }
  }
  return result;
}
