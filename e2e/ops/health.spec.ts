import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import Database from "better-sqlite3";
import { E2E_AUTH_SECRET, E2E_SECRETS_KEY } from "../support/global-setup";
import { freePort, runPortalScript, startServer } from "../support/extra-server";

type Readiness = { status: string; checks: Record<string, { status: string; detail: string }> };

test.describe("health endpoints", () => {
  test("live and ready answer 200 without authentication, with details and no secrets", async ({ request }) => {
    const live = await request.get("/api/health/live");
    expect(live.status()).toBe(200);
    expect(await live.json()).toMatchObject({ status: "live" });

    const ready = await request.get("/api/health/ready");
    const text = await ready.text();
    expect(ready.status(), text).toBe(200);
    const body = JSON.parse(text) as Readiness;
    expect(body.status).toBe("ready");
    expect(Object.keys(body.checks).sort()).toEqual(["ca", "database", "jobs", "migrations"]);
    for (const check of Object.values(body.checks)) expect(check.status).toBe("ok");
    expect(body.checks.migrations!.detail).toMatch(/none pending/);
    expect(ready.headers()["cache-control"]).toContain("no-store");
    expect(text).not.toContain(E2E_AUTH_SECRET);
    expect(text).not.toContain(process.env.E2E_DATABASE_URL_IN_USE!);
  });

  test("ready is 503 on a database without migrations, naming the check; live stays 200", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-health-"));
    const server = await startServer({ DATABASE_URL: `file:${path.join(dir, "empty.db")}` });
    try {
      expect((await fetch(`${server.baseURL}/api/health/live`)).status).toBe(200);
      const ready = await fetch(`${server.baseURL}/api/health/ready`);
      const body = (await ready.json()) as Readiness;
      expect(ready.status).toBe(503);
      expect(body.status).toBe("not-ready");
      expect(body.checks.database!.status).toBe("ok");
      expect(body.checks.migrations).toMatchObject({ status: "fail" });
      expect(body.checks.migrations!.detail).toMatch(/no migrations applied/);
      expect(body.checks.ca!.status).toBe("skipped");
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("ready is 503 when PostgreSQL does not answer, and the password in its URL is not shown", async () => {
    const closedPort = await freePort();
    const server = await startServer({
      DATABASE_URL: `postgresql://portal:hunter2-db-password@127.0.0.1:${closedPort}/portal`,
    });
    try {
      const ready = await fetch(`${server.baseURL}/api/health/ready`);
      const text = await ready.text();
      expect(ready.status).toBe(503);
      const body = JSON.parse(text) as Readiness;
      expect(body.checks.database).toMatchObject({ status: "fail" });
      expect(body.checks.migrations!.status).toBe("skipped");
      expect(text).not.toContain("hunter2");
      expect(server.logs()).not.toContain("hunter2");
    } finally {
      await server.stop();
    }
  });

  test("ready is 503 when a job's lease ran out unreleased, naming the job", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-health-jobs-"));
    const file = path.join(dir, "portal.db");
    const env = { DATABASE_URL: `file:${file}`, PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY, PORTAL_JOBS: "off" };
    const prepared = runPortalScript("scripts/prepare.ts", [], {
      ...env,
      PORTAL_ADMIN_EMAIL: "root@jobs.test",
      PORTAL_ADMIN_PASSWORD: "root password for jobs",
    });
    expect(prepared.status, prepared.stderr).toBe(0);
    // An instance crashed in the middle of the outbox delivery 20 minutes ago and no scheduler took it over.
    const sqlite = new Database(file);
    // Stored as Prisma's SQLite adapter writes dates (ISO 8601 with an explicit offset).
    const minutesAgo = (minutes: number) =>
      new Date(Date.now() - minutes * 60_000).toISOString().replace("Z", "+00:00");
    sqlite
      .prepare(`INSERT INTO "Job" (name, nextRunAt, leaseOwner, leaseUntil, lastStartedAt) VALUES (?, ?, ?, ?, ?)`)
      .run("deliver-outbox", minutesAgo(30), "crashed-instance", minutesAgo(20), minutesAgo(30));
    sqlite.close();
    const server = await startServer(env);
    try {
      const ready = await fetch(`${server.baseURL}/api/health/ready`);
      const body = (await ready.json()) as Readiness;
      expect(ready.status).toBe(503);
      expect(body.checks.database!.status).toBe("ok");
      expect(body.checks.migrations!.status).toBe("ok");
      expect(body.checks.ca!.status).toBe("ok");
      expect(body.checks.jobs).toMatchObject({
        status: "fail",
        detail: "stuck: deliver-outbox (lease expired 20 min ago)",
      });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * An idle keep-alive connection outlives a few seconds' pause (scripts/serve.mjs keeps it 65 s; Node's default 5 s
 * closed it under clients and proxies that reuse it, which then got a reset instead of an answer).
 */
test("an idle keep-alive connection is still served after 6 s", async ({ baseURL }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = http.get(new URL("/api/health/live", baseURL), { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      });
      req.on("error", reject);
    });
  try {
    expect(await get()).toEqual({ status: 200, reused: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await get(), "the second request went over the same, still open connection").toEqual({
      status: 200,
      reused: true,
    });
  } finally {
    agent.destroy();
  }
});
