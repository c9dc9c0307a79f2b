// `npm run jobs -- --once`: runs every due job of the job table once and exits 0 (for cron or a dedicated
// worker; run with PORTAL_JOBS=off on the web instances if you prefer that). Without --once it keeps ticking
// like the in-process scheduler. `--now <ISO time>` runs as of that time (drills and tests; no sleeping);
// `--job <name>` (repeatable) runs only those jobs of the table; `--force` runs them even if not due (still never
// while another instance holds the job's lease).
import { parseArgs } from "node:util";
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";
import { migrate } from "@/lib/server/db/migrate";
import { JOBS } from "@/lib/server/jobs/job-table";
import { productionJobContext } from "@/lib/server/jobs/job-runtime";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";

const { values } = parseArgs({
  options: {
    once: { type: "boolean", default: false },
    now: { type: "string" },
    job: { type: "string", multiple: true },
    force: { type: "boolean", default: false },
    "tick-ms": { type: "string", default: "15000" },
  },
});
const fixedNow = values.now ? new Date(values.now) : undefined;
if (fixedNow && Number.isNaN(fixedNow.getTime())) {
  console.error("[jobs] --now must be an ISO 8601 time");
  process.exit(2);
}
const unknown = (values.job ?? []).filter((name) => !JOBS.some((job) => job.name === name));
if (unknown.length) {
  console.error(`[jobs] unknown job ${unknown.join(", ")}; the jobs are ${JOBS.map((job) => job.name).join(", ")}`);
  process.exit(2);
}
if (values.force && !values.job) {
  console.error("[jobs] --force needs --job <name>: say which jobs to run out of turn");
  process.exit(2);
}
const jobs = values.job ? JOBS.filter((job) => values.job!.includes(job.name)) : JOBS;
const config = databaseConfig();
await migrate(config);
const db = createDb(config);
const runtime = productionJobContext(db);

async function once(): Promise<boolean> {
  const context = { ...runtime, now: fixedNow ?? new Date(), owner: runtime.newOwner() };
  const runs = await runDueJobs(context, jobs, { force: values.force });
  for (const run of runs)
    console.log(
      `[jobs] ${run.name}: ${run.status}${run.result ? ` ${JSON.stringify(run.result)}` : ""}${run.error ? ` ${run.error}` : ""}`,
    );
  return runs.every((run) => run.status !== "failed");
}

if (values.once) {
  const ok = await once();
  runtime.mailer?.close();
  await db.$disconnect();
  process.exit(ok ? 0 : 1);
}
const tickMs = Math.max(1000, Number(values["tick-ms"]) || 15_000);
for (;;) {
  await once().catch((error) =>
    console.error(`[jobs] tick failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  await new Promise((resolve) => setTimeout(resolve, tickMs));
}
