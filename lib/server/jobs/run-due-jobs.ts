import "server-only";
import type { Db } from "../db/client";
import type { JobContext, JobDefinition, JobResult } from "./job-context";

export type JobRun = {
  name: string;
  status: "ran" | "not-due" | "claimed-elsewhere" | "failed";
  result?: JobResult;
  error?: string;
};

/**
 * Claims a job's lease in the database: one conditional UPDATE that only one instance can win (due, and no
 * live lease). Works the same on SQLite and PostgreSQL; the row is created on first sight. `force` drops the
 * "due" condition, never the lease: a forced run still never overlaps another.
 */
async function claimJob(
  db: Db,
  job: JobDefinition,
  now: Date,
  owner: string,
  force: boolean,
): Promise<"claimed" | "not-due" | "claimed-elsewhere"> {
  await db.job
    .upsert({ where: { name: job.name }, create: { name: job.name, nextRunAt: now }, update: {} })
    .catch(() => undefined);
  const claimed = await db.job.updateMany({
    where: {
      name: job.name,
      ...(force ? {} : { nextRunAt: { lte: now } }),
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + job.leaseMs), lastStartedAt: now },
  });
  if (claimed.count === 1) return "claimed";
  if (force) return "claimed-elsewhere";
  const row = await db.job.findUnique({ where: { name: job.name }, select: { nextRunAt: true } });
  return row && row.nextRunAt > now ? "not-due" : "claimed-elsewhere";
}

/**
 * Runs every job of `jobs` that is due at `context.now` and not running elsewhere, one after the other, and
 * releases each lease with its next due time. A failing job is recorded and retried at its next turn; it
 * never stops the others. Everything a job sends is claimed per row again, so even a lease taken over from
 * a crashed run sends nothing twice. `force` runs them whether due or not (an operator's `--force`, and drills that
 * move `now` back and forth: a run as of a later time must not make an earlier drill "not due").
 */
export async function runDueJobs(
  context: JobContext,
  jobs: readonly JobDefinition[],
  options: { force?: boolean } = {},
): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for (const job of jobs) {
    const { db, owner } = context;
    const now = context.now;
    const claim = await claimJob(db, job, now, owner, options.force ?? false);
    if (claim !== "claimed") {
      runs.push({ name: job.name, status: claim });
      continue;
    }
    let run: JobRun;
    try {
      run = { name: job.name, status: "ran", result: await job.run(context) };
    } catch (error) {
      run = {
        name: job.name,
        status: "failed",
        error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      };
    }
    await db.job.updateMany({
      where: { name: job.name, leaseOwner: owner },
      data: {
        leaseOwner: null,
        leaseUntil: null,
        nextRunAt: new Date(now.getTime() + job.everyMs),
        lastFinishedAt: new Date(),
        lastError: run.error ?? null,
      },
    });
    runs.push(run);
  }
  return runs;
}
