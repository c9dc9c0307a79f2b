import "server-only";
import type { Db } from "../db/client";
import { JOBS } from "../jobs/job-table";
import { ReadinessFailure } from "./readiness-failure";

/** How late a job may be past its due time plus its lease before it counts as stuck. */
export const JOB_GRACE_MS = 5 * 60_000;

/**
 * Readiness of background jobs (lib/server/jobs): a job is stuck when its lease ran out more than a grace
 * period ago without being released (a crashed run nobody took over) or when it is overdue by more than its
 * lease plus that grace period (no instance's scheduler runs it). A job never run yet (no row) is not stuck;
 * a row of a job this build no longer has (retired in an upgrade) is ignored.
 */
export async function jobsHealth(db: Db, now: Date): Promise<string> {
  const rows = await db.job.findMany({
    select: { name: true, nextRunAt: true, leaseOwner: true, leaseUntil: true },
    orderBy: { name: "asc" },
  });
  const stuck: string[] = [];
  let known = 0;
  for (const row of rows) {
    const job = JOBS.find((candidate) => candidate.name === row.name);
    if (!job) continue;
    known++;
    const lateBy = now.getTime() - row.nextRunAt.getTime();
    const abandoned =
      row.leaseOwner !== null && row.leaseUntil !== null && now.getTime() - row.leaseUntil.getTime() > JOB_GRACE_MS;
    if (abandoned)
      stuck.push(`${row.name} (lease expired ${minutes(now.getTime() - row.leaseUntil!.getTime())} min ago)`);
    else if (lateBy > job.leaseMs + JOB_GRACE_MS) stuck.push(`${row.name} (overdue ${minutes(lateBy)} min)`);
  }
  if (stuck.length) throw new ReadinessFailure(`stuck: ${stuck.join(", ")}`);
  return known ? `${known} job(s) on time` : "no job has run yet";
}

function minutes(ms: number): number {
  return Math.round(ms / 60_000);
}
