import client from "prom-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkReadiness } from "@/lib/server/health/check-readiness";
import { collectJobMetrics } from "@/lib/server/metrics/job-metrics";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";

const MINUTE = 60_000;
const NOW = new Date("2026-12-05T08:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** The readiness "jobs" check and the outbox/job gauges, computed from the real job and delivery tables. */
describe.each(PROVIDERS)("readiness jobs check and job metrics on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    await database.db.delivery.deleteMany();
    await database.db.outboxEvent.deleteMany();
    await database.db.job.deleteMany();
  });

  const jobsCheck = async () =>
    (await checkReadiness({ db: database.db, config: database.config, now: NOW })).checks.jobs!;

  it("no job run yet is not stuck", async () => {
    expect(await jobsCheck()).toMatchObject({ status: "ok", detail: "no job has run yet" });
  });

  it("on-time jobs, a running job inside its lease, and a retired job's old row keep the instance ready", async () => {
    await database.db.job.createMany({
      data: [
        { name: "expiry-watch", nextRunAt: new Date(NOW.getTime() + 30 * MINUTE), lastFinishedAt: ago(30 * MINUTE) },
        // Running now, its lease (15 min) still holds although it is due since 10 min.
        {
          name: "daily-digest",
          nextRunAt: ago(10 * MINUTE),
          leaseOwner: "instance-a",
          leaseUntil: new Date(NOW.getTime() + 5 * MINUTE),
          lastStartedAt: ago(10 * MINUTE),
        },
        // Lease ran out 2 min ago: within the grace period, the next tick anywhere takes it over.
        { name: "deliver-outbox", nextRunAt: ago(12 * MINUTE), leaseOwner: "instance-b", leaseUntil: ago(2 * MINUTE) },
        { name: "a-job-this-build-no-longer-has", nextRunAt: ago(30 * 24 * 60 * MINUTE) },
      ],
    });
    expect(await jobsCheck()).toMatchObject({ status: "ok", detail: "3 job(s) on time" });
  });

  it("a lease that ran out unreleased past the grace period makes the instance not ready, naming the job", async () => {
    await database.db.job.create({
      data: { name: "deliver-outbox", nextRunAt: ago(20 * MINUTE), leaseOwner: "crashed", leaseUntil: ago(6 * MINUTE) },
    });
    const readiness = await checkReadiness({ db: database.db, config: database.config, now: NOW });
    expect(readiness.status).toBe("not-ready");
    expect(readiness.checks.jobs).toMatchObject({
      status: "fail",
      detail: "stuck: deliver-outbox (lease expired 6 min ago)",
    });
  });

  it("a job overdue by more than its lease plus 5 minutes is stuck; just under is not", async () => {
    // endpoint-recheck has a 30 min lease: 34 min late is tolerated, 36 min is not.
    await database.db.job.create({ data: { name: "endpoint-recheck", nextRunAt: ago(34 * MINUTE) } });
    expect((await jobsCheck()).status).toBe("ok");
    await database.db.job.update({ where: { name: "endpoint-recheck" }, data: { nextRunAt: ago(36 * MINUTE) } });
    expect(await jobsCheck()).toMatchObject({ status: "fail", detail: "stuck: endpoint-recheck (overdue 36 min)" });
  });

  it("gauges: outbox depth, oldest pending age and failures per channel, each job's last finish and outcome", async () => {
    const registry = new client.Registry();
    await collectJobMetrics(database.db, NOW, registry);
    const empty = await registry.metrics();
    expect(empty).toContain('portal_outbox_pending{channel="EMAIL"} 0');
    expect(empty).toContain('portal_outbox_oldest_pending_age_seconds{channel="WEBHOOK"} 0');
    expect(empty).toContain('portal_outbox_failed{channel="EMAIL"} 0');

    const eventId = newId();
    await database.db.outboxEvent.create({
      data: { id: eventId, type: "version.rejected", payload: "{}", createdAt: ago(20 * MINUTE) },
    });
    const delivery = (channel: string, target: string, state: string, createdAt: Date) => ({
      id: newId(),
      eventId,
      channel,
      target,
      side: "CUSTOMER",
      state,
      nextAttemptAt: createdAt,
      createdAt,
    });
    await database.db.delivery.createMany({
      data: [
        delivery("EMAIL", "a@bank.test", "PENDING", ago(10 * MINUTE)),
        delivery("EMAIL", "b@bank.test", "PENDING", ago(3 * MINUTE)),
        delivery("EMAIL", "c@bank.test", "SENT", ago(60 * MINUTE)),
        delivery("WEBHOOK", "webhook-1", "FAILED", ago(60 * MINUTE)),
      ],
    });
    await database.db.job.createMany({
      data: [
        { name: "expiry-watch", nextRunAt: NOW, lastFinishedAt: ago(MINUTE) },
        { name: "deliver-outbox", nextRunAt: NOW, lastFinishedAt: ago(2 * MINUTE), lastError: "SMTP refused" },
        { name: "daily-digest", nextRunAt: NOW },
      ],
    });
    const scraped = new client.Registry();
    await collectJobMetrics(database.db, NOW, scraped);
    const text = await scraped.metrics();
    expect(text).toContain('portal_outbox_pending{channel="EMAIL"} 2');
    expect(text).toContain('portal_outbox_pending{channel="WEBHOOK"} 0');
    expect(text).toContain('portal_outbox_oldest_pending_age_seconds{channel="EMAIL"} 600');
    expect(text).toContain('portal_outbox_failed{channel="WEBHOOK"} 1');
    expect(text).toContain(
      `portal_job_last_finished_timestamp_seconds{job="expiry-watch",outcome="ok"} ${(NOW.getTime() - MINUTE) / 1000}`,
    );
    expect(text).toContain(
      `portal_job_last_finished_timestamp_seconds{job="deliver-outbox",outcome="error"} ${(NOW.getTime() - 2 * MINUTE) / 1000}`,
    );
    expect(text).not.toContain('job="daily-digest"');
    expect(text).not.toContain("SMTP refused");
  });
});
