import "server-only";
import client from "prom-client";
import type { Db } from "../db/client";

/**
 * Outbox depth and age (deliveries waiting to be sent, by channel) and each job's last finish, computed from
 * the database at scrape time (lib/server/jobs, lib/server/notifications): the same on every instance.
 */
export async function collectJobMetrics(db: Db, now: Date, registry: client.Registry): Promise<void> {
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new client.Gauge<L>({ name, help, labelNames, registers: [registry] });
  const depth = gauge("portal_outbox_pending", "Deliveries (e-mails, webhooks) waiting to be sent, by channel.", [
    "channel",
  ]);
  const age = gauge(
    "portal_outbox_oldest_pending_age_seconds",
    "Age of the oldest delivery waiting to be sent, by channel (0 when none).",
    ["channel"],
  );
  const failed = gauge("portal_outbox_failed", "Deliveries given up after their retries, by channel.", ["channel"]);
  const lastFinished = gauge(
    "portal_job_last_finished_timestamp_seconds",
    "When each job last finished, by job and outcome of that run (ok, error).",
    ["job", "outcome"],
  );
  const [pending, failures, jobs] = await Promise.all([
    db.delivery.groupBy({
      by: ["channel"],
      where: { state: "PENDING" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db.delivery.groupBy({ by: ["channel"], where: { state: "FAILED" }, _count: { _all: true } }),
    db.job.findMany({ select: { name: true, lastFinishedAt: true, lastError: true } }),
  ]);
  for (const channel of ["EMAIL", "WEBHOOK"]) {
    const row = pending.find((p) => p.channel === channel);
    depth.set({ channel }, row?._count._all ?? 0);
    age.set({ channel }, row?._min.createdAt ? Math.max(0, (now.getTime() - row._min.createdAt.getTime()) / 1000) : 0);
    failed.set({ channel }, failures.find((f) => f.channel === channel)?._count._all ?? 0);
  }
  for (const job of jobs) {
    if (job.lastFinishedAt)
      lastFinished.set({ job: job.name, outcome: job.lastError ? "error" : "ok" }, job.lastFinishedAt.getTime() / 1000);
  }
}
