import "server-only";
import { getDb } from "../db/client";
import { JOBS } from "./job-table";
import { productionJobContext } from "./job-runtime";
import { runDueJobs } from "./run-due-jobs";

const globalForScheduler = globalThis as unknown as { portalScheduler?: NodeJS.Timeout };

/**
 * The in-process scheduler every instance runs (started from instrumentation.ts): every tick it runs the
 * due jobs of the job table. With N instances they all tick; the database leases make each job run in one
 * of them at a time. PORTAL_JOBS=off disables it (for a dedicated worker running `npm run jobs`).
 */
export function startScheduler(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PORTAL_JOBS === "off" || globalForScheduler.portalScheduler) return false;
  const tickMs = Math.max(1000, Number(env.PORTAL_JOBS_TICK_MS ?? 15_000) || 15_000);
  const runtime = productionJobContext(getDb(), env);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const runs = await runDueJobs({ ...runtime, now: new Date(), owner: runtime.newOwner() }, JOBS);
      for (const run of runs) if (run.status === "failed") console.error(`[jobs] ${run.name} failed: ${run.error}`);
    } catch (error) {
      console.error(`[jobs] tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  globalForScheduler.portalScheduler = setInterval(tick, tickMs);
  globalForScheduler.portalScheduler.unref();
  setTimeout(tick, 2000).unref();
  return true;
}
