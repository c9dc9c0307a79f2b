import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { createWebhook } from "@/lib/server/notifications/manage-webhooks";
import type { DatabaseConfig } from "@/lib/server/db/config";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer } from "./support/assets";
import { startMailSink } from "./support/mail-sink";
import { startHttpsReceiver } from "./support/https-receiver";

process.env.NEXTAUTH_SECRET ??= "notifications-test-secret-0123456789abcdef";

const databaseUrl = (config: DatabaseConfig) => (config.provider === "sqlite" ? `file:${config.file}` : config.url);

/** `npm run jobs -- --once` as cron or a worker runs it: a separate Node process on the same database. */
function jobsOnce(config: DatabaseConfig, env: Record<string, string>, args: string[] = []) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/jobs.ts", "--once", ...args],
    {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl(config), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/**
 * Exactly-once proofs through the real CLI: `jobs --once` twice in a row, twice at the same time in two
 * processes (on PostgreSQL: two instances on one database), and kill -9 in the middle of a webhook delivery.
 */
describe.each(PROVIDERS)("jobs exactly once on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewer: Actor;
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
    process.env.PORTAL_OUTBOUND_ALLOW = "127.0.0.0/8";
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.PORTAL_OUTBOUND_ALLOW;
    await sink.close();
    await database.drop();
    pki.dispose();
  });

  async function rejectedCsr(customer: Awaited<ReturnType<typeof makeCustomer>>) {
    const result = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: customer.identifier, environment: "PPR" }) },
      confirmWarnings: false,
    });
    if (result.status !== "stored") throw new Error(result.status);
    await rejectVersion({ db: database.db, actor: reviewer, versionId: result.versionId, reason: "Wrong subject" });
  }

  it("sends every e-mail once when two processes run jobs --once at the same time, and nothing on a rerun", async () => {
    const customers = [];
    for (let i = 0; i < 3; i++) customers.push(await makeCustomer(database.db, "d1"));
    for (const customer of customers) await rejectedCsr(customer);
    const pending = await database.db.delivery.count({ where: { channel: "EMAIL", state: "PENDING" } });
    expect(pending).toBe(6); // per customer: the reviewer (submitted) and the customer (rejected)
    sink.mails.length = 0;
    const env = {
      SMTP_URL: sink.url,
      PORTAL_MAIL_FROM: "Portal <portal@example.test>",
      PORTAL_PUBLIC_URL: "https://portal.example.test",
    };
    const [a, b] = await Promise.all([jobsOnce(database.config, env).done, jobsOnce(database.config, env).done]);
    expect([a.code, b.code], a.output + b.output).toEqual([0, 0]);
    expect(sink.mails.length).toBe(pending);
    expect(new Set(sink.mails.map((m) => m.messageId)).size).toBe(pending);
    const again = await jobsOnce(database.config, env).done;
    expect(again.code).toBe(0);
    expect(sink.mails.length).toBe(pending);
    expect(await database.db.delivery.count({ where: { channel: "EMAIL", state: "SENT" } })).toBe(pending);
  });

  it("kill -9 during a webhook delivery, then a restart: delivered, and the receiver sees one event id", async () => {
    let stalled: () => void = () => undefined;
    const firstRequest = new Promise<void>((resolve) => (stalled = resolve));
    const receiver = await startHttpsReceiver((n) => {
      if (n === 1) {
        stalled();
        return "stall";
      }
      return 200;
    });
    try {
      const customer = await makeCustomer(database.db, "d1");
      await createWebhook({
        db: database.db,
        actor: customer.customer,
        url: receiver.url,
        events: ["version.rejected"],
      });
      await rejectedCsr(customer);
      const env = { SMTP_URL: "", NODE_EXTRA_CA_CERTS: receiver.certFile, PORTAL_OUTBOUND_ALLOW: "127.0.0.0/8" };
      const first = jobsOnce(database.config, env);
      await firstRequest;
      first.child.kill("SIGKILL");
      expect((await first.done).signal).toBe("SIGKILL");
      const hook = await database.db.delivery.findFirstOrThrow({
        where: { channel: "WEBHOOK", event: { organizationId: customer.organizationId } },
      });
      expect(hook).toMatchObject({ state: "PENDING", attempts: 1 });
      expect(hook.leaseOwner).not.toBeNull();
      // A restart within the leases leaves it alone; after them (the job's 10 min lease, the delivery's 2 min,
      // time given as the job's now) it is retried.
      const within = await jobsOnce(database.config, env).done;
      expect(within.code).toBe(0);
      expect(receiver.received.length).toBe(1);
      const after = await jobsOnce(database.config, env, ["--now", new Date(Date.now() + 11 * 60_000).toISOString()])
        .done;
      expect(after.code, after.output).toBe(0);
      expect(receiver.received.length).toBe(2);
      expect(new Set(receiver.received.map((r) => r.eventId)).size).toBe(1);
      expect(await database.db.delivery.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({
        state: "SENT",
        attempts: 2,
        lastStatus: 200,
        leaseOwner: null,
      });
    } finally {
      await receiver.close();
    }
  });
});
