import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { test, expect, USERS } from "../support/fixtures";
import { E2E_AUTH_SECRET, E2E_SECRETS_KEY, ROOT } from "../support/global-setup";
import { Workdir } from "../support/pki";
import { dropDatabase } from "../../tests/support/drop-database";
import { openTestDb, q, type TestDb } from "../support/db";

/**
 * Crash safety (issue 6): our own server on a fresh database (SQLite file, or a fresh PostgreSQL database when
 * the e2e run uses PostgreSQL), a stream of uploads and approvals from concurrent loops, `kill -9` of the
 * server's process group mid-stream, restart on the same database, integrity check — three times, at different
 * moments. Every request that got a 2xx is "acknowledged" and must survive with what its response said.
 */
test.describe.configure({ mode: "serial" });

const POSTGRES = (process.env.E2E_DATABASE_URL_IN_USE ?? "").startsWith("postgres");
const KILL_AFTER_ACKS = [5, 18, 40];
let dir = "";
let databaseUrl: string;
let server: ChildProcess | undefined;
let baseURL: string;
let env: NodeJS.ProcessEnv;
const tokens = {} as Record<"acme" | "delivery1" | "delivery2", string>;
const pki = new Workdir();

type Ack =
  | { type: "upload"; assetId: string; versionId: string; seq: number; state: string; sha256: string }
  | { type: "approve"; assetId: string; versionId: string; state: string; reviewer: string };
const acks: Ack[] = [];
/** The fields of upload and approve answers the stream records. */
type Body = {
  asset: { id: string };
  version: { id: string; seq: number; state: string; sha256: string };
  versionId: string;
  state: string;
};
let sent = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function runScript(script: string, args: string[] = []): string {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function startServer(): Promise<void> {
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...env, NEXTAUTH_URL: baseURL },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${baseURL}/login`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [100, 250, 500] },
    )
    .toBe(200);
}

/** SIGKILL to the whole process group: no shutdown hook, no flush, no graceful close. */
async function killServer(): Promise<void> {
  const child = server!;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGKILL");
  await exited;
  server = undefined;
}

const call = (method: string, url: string, token: string, body?: unknown) =>
  fetch(`${baseURL}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(path.join(os.tmpdir(), "portal-crash-"));
  if (POSTGRES) {
    const adminUrl = process.env.E2E_DATABASE_URL!;
    const name = `portal_crash_${Date.now()}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  } else databaseUrl = `file:${path.join(dir, "crash.db")}`;
  env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: E2E_AUTH_SECRET,
    PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY,
    NEXTAUTH_URL: "http://127.0.0.1",
    PORTAL_ADMIN_EMAIL: "root@portal.test",
    PORTAL_ADMIN_PASSWORD: "root password for crash e2e",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // CSRs first: an idle keep-alive socket the server closes meanwhile would fail the stream's first request.
  csrs = Array.from(
    { length: 6 },
    (_, i) =>
      pki.csr(
        `crash-${i}`,
        "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments/CN=TLSMA-ECDSA\\/ACME01\\/D1.PPR",
      ).csrPem,
  );
  runScript("scripts/prepare.ts");
  runScript("scripts/seed-demo.ts");
  // Staff tokens work only once their users have a second factor.
  runScript("e2e/support/enrol-mfa.ts", [USERS.delivery1, USERS.delivery2]);
  for (const [key, email] of [
    ["acme", USERS.acme],
    ["delivery1", USERS.delivery1],
    ["delivery2", USERS.delivery2],
  ] as const) {
    tokens[key] = runScript("scripts/token.ts", ["--email", email, "--name", "crash"]).trim().split("\n").pop()!;
    expect(tokens[key]).toMatch(/^tlsp_/);
  }
  await startServer();
});

test.afterAll(async () => {
  if (server) await killServer().catch(() => undefined);
  console.log(`[crash-safety] ${POSTGRES ? "postgresql" : "sqlite"}: ${sent} requests, ${acks.length} acknowledged`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (POSTGRES && databaseUrl) {
    await dropDatabase(process.env.E2E_DATABASE_URL!, new URL(databaseUrl).pathname.slice(1));
  }
});

/** Connections of the demo (as the customer sees them) and CSRs whose CN fits ACME01 PPR. */
let connections: Record<string, string>;
let csrs: string[];
test.beforeAll(async () => {
  const list = (await (await call("GET", "/api/v1/connections", tokens.acme)).json()) as {
    id: string;
    identifier: string;
    environment: string;
  }[];
  connections = Object.fromEntries(list.map((c) => [`${c.identifier}/${c.environment}`, c.id]));
});

/**
 * The stream: two customer upload loops (hosts on four connections, CSRs on ACME01 PPR) and two reviewer loops
 * approving whatever was uploaded, until `stop()`. Every 2xx is recorded with the ids and state it returned.
 */
function startStream(round: number) {
  let stopped = false;
  let settled = sent;
  let n = 0;
  const uploaded: string[] = [];
  const hostTargets = ["ACME01/PPR", "ACME01/PRD", "ACME-TSH/PPR", "ACME-TSH/PRD"].map((k) => connections[k]!);
  const ack = async (response: Response, build: (body: Body) => Ack) => {
    if (response.status >= 200 && response.status < 300) acks.push(build(await response.json()));
    else await response.arrayBuffer();
    if (response.status >= 500) throw new Error(`5xx during the stream: ${response.status}`);
  };
  const guard = async (work: () => Promise<void>) => {
    try {
      sent++;
      await work();
      settled++;
    } catch (error) {
      settled++;
      if (!stopped)
        throw new Error(
          `request failed before the kill: ${String(error)} ${String((error as { cause?: unknown }).cause)}`,
        );
      // After the kill, requests in flight fail: they were never acknowledged.
    }
  };
  const uploadLoop = async (csrLoop: boolean) => {
    while (!stopped) {
      const i = n++;
      await guard(async () => {
        const response = csrLoop
          ? await call("POST", `/api/v1/connections/${connections["ACME01/PPR"]}/assets`, tokens.acme, {
              kind: "CUSTOMER_CSR",
              content: csrs[i % csrs.length],
              filename: `r${round}-${i}.csr`,
              acceptWarnings: true,
            })
          : await call("POST", `/api/v1/connections/${hostTargets[i % hostTargets.length]}/assets`, tokens.acme, {
              kind: "ISSUER_HOST",
              host: `h${round}-${i}.crash.acme-bank.example`,
              port: i % 3 ? 443 : 8443,
              acceptWarnings: true,
            });
        await ack(response, (b) => {
          uploaded.push(b.asset.id);
          return {
            type: "upload",
            assetId: b.asset.id,
            versionId: b.version.id,
            seq: b.version.seq,
            state: b.version.state,
            sha256: b.version.sha256,
          };
        });
      });
    }
  };
  const approveLoop = async (reviewer: "delivery1" | "delivery2") => {
    let i = 0;
    while (!stopped) {
      const assetId = uploaded[uploaded.length - 1 - (i++ % Math.max(1, Math.min(uploaded.length, 4)))];
      if (!assetId) {
        await new Promise((resolve) => setTimeout(resolve, 20)); // nothing to approve yet
        continue;
      }
      await guard(async () => {
        const response = await call("POST", `/api/v1/assets/${assetId}/approve`, tokens[reviewer], {});
        await ack(response, (b) => ({
          type: "approve",
          assetId,
          versionId: b.versionId,
          state: b.state,
          reviewer: USERS[reviewer],
        }));
      });
    }
  };
  const started = acks.length;
  // A loop that fails before the kill (a 5xx, a refused connection) settles with its error, reported by the test.
  const loops = Promise.all([
    uploadLoop(false),
    uploadLoop(true),
    uploadLoop(false),
    approveLoop("delivery1"),
    approveLoop("delivery2"),
  ]).then(
    () => undefined,
    (error: unknown) => String(error),
  );
  return {
    acked: () => acks.length - started,
    inFlight: () => sent - settled,
    halt: () => void (stopped = true),
    done: () => loops,
  };
}

type Problem = string;
async function integrity(db: TestDb): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rows = (sql: string, params: unknown[] = []) => db.all(q(db, sql), params);
  if (db.kind === "sqlite") {
    const check = await rows("PRAGMA integrity_check");
    if (JSON.stringify(check) !== JSON.stringify([{ integrity_check: "ok" }]))
      problems.push(`integrity_check: ${JSON.stringify(check)}`);
    const fk = await rows("PRAGMA foreign_key_check");
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  }
  const orphans: [string, string, string][] = [
    ["AssetVersion", "assetId", "Asset"],
    ["AssetVersion", "uploadedById", "User"],
    ["Asset", "connectionId", "Connection"],
    ["Review", "versionId", "AssetVersion"],
    ["Review", "reviewerId", "User"],
    ["Connection", "identifierId", "Identifier"],
    ["Identifier", "organizationId", "Organization"],
    ["User", "organizationId", "Organization"],
    ["ApiToken", "userId", "User"],
  ];
  for (const [table, column, parent] of orphans) {
    const found = await rows(
      `SELECT c.id FROM "${table}" c LEFT JOIN "${parent}" p ON p.id = c."${column}" WHERE p.id IS NULL`,
    );
    if (found.length) problems.push(`${found.length} ${table} row(s) whose ${column} names no ${parent}`);
  }
  const badCurrent = await rows(
    `SELECT a.id, v.state, v."assetId" FROM "Asset" a LEFT JOIN "AssetVersion" v ON v.id = a."currentVersionId" WHERE a."currentVersionId" IS NOT NULL AND (v.id IS NULL OR v."assetId" <> a.id OR v.state NOT IN ('APPROVED', 'ISSUED', 'PUBLISHED', 'ACKNOWLEDGED'))`,
  );
  if (badCurrent.length)
    problems.push(`currentVersionId not an in-force version of the asset: ${JSON.stringify(badCurrent.slice(0, 5))}`);
  const twoSubmitted = await rows(
    `SELECT "assetId", COUNT(*) AS n FROM "AssetVersion" WHERE state = 'SUBMITTED' GROUP BY "assetId" HAVING COUNT(*) > 1`,
  );
  if (twoSubmitted.length)
    problems.push(`assets with more than one SUBMITTED version: ${JSON.stringify(twoSubmitted)}`);
  const duplicateSeq = await rows(
    `SELECT "assetId", seq FROM "AssetVersion" GROUP BY "assetId", seq HAVING COUNT(*) > 1`,
  );
  if (duplicateSeq.length) problems.push(`duplicate seq: ${JSON.stringify(duplicateSeq)}`);

  // Every version's state is the one its audit trail ends in; every version has its creation event; every
  // approved one its approval event(s); every review its approval event.
  const versions = await rows(
    `SELECT v.id, v.state, v.seq, v.sha256, v."assetId", a.direction FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId"`,
  );
  const events = await rows(
    `SELECT "targetId", action, after, "createdAt", "actorEmail" FROM "AuditEvent" WHERE "targetType" = 'AssetVersion'`,
  );
  const byVersion = new Map<
    string,
    { action: string; after: { state?: string } | null; at: number; actor: string | null }[]
  >();
  for (const e of events) {
    const list = byVersion.get(String(e.targetId)) ?? [];
    list.push({
      action: String(e.action),
      after: e.after ? JSON.parse(String(e.after)) : null,
      at: new Date(e.createdAt as string).getTime(),
      actor: (e.actorEmail as string) ?? null,
    });
    byVersion.set(String(e.targetId), list);
  }
  for (const v of versions) {
    const trail = (byVersion.get(String(v.id)) ?? []).sort((a, b) => a.at - b.at);
    const created = v.direction === "CUSTOMER_TO_THALES" ? "asset.uploaded" : "asset.published";
    if (!trail.some((e) => e.action === created)) problems.push(`version ${v.id} (${v.state}) has no ${created} event`);
    const withState = trail.filter((e) => e.after?.state);
    const lastAt = withState.at(-1)?.at;
    const lastStates = withState.filter((e) => e.at === lastAt).map((e) => e.after!.state);
    if (!lastStates.includes(String(v.state)))
      problems.push(`version ${v.id} is ${v.state} but its audit trail ends in ${lastStates.join("/") || "nothing"}`);
    if (["APPROVED", "ISSUED"].includes(String(v.state)) && !trail.some((e) => e.action === "asset.approve_final"))
      problems.push(`version ${v.id} is ${v.state} without asset.approve_final`);
    if (v.state === "IN_REVIEW" && !trail.some((e) => e.action === "asset.approve_partial"))
      problems.push(`version ${v.id} is IN_REVIEW without asset.approve_partial`);
  }
  const reviews = await rows(
    `SELECT r."versionId", u.email FROM "Review" r JOIN "User" u ON u.id = r."reviewerId" WHERE r.decision = 'APPROVE'`,
  );
  for (const r of reviews)
    if (
      !(byVersion.get(String(r.versionId)) ?? []).some(
        (e) => e.action.startsWith("asset.approve_") && e.actor === r.email,
      )
    )
      problems.push(`review of ${r.versionId} by ${r.email} has no approval event`);

  // Nothing acknowledged is lost, and it is what the response said.
  const versionById = new Map(versions.map((v) => [String(v.id), v]));
  const reviewSet = new Set(reviews.map((r) => `${r.versionId}|${r.email}`));
  for (const a of acks) {
    const v = versionById.get(a.versionId);
    if (!v) {
      problems.push(`acknowledged ${a.type} of version ${a.versionId} is missing`);
      continue;
    }
    if (String(v.assetId) !== a.assetId)
      problems.push(`acknowledged version ${a.versionId} moved to asset ${v.assetId}`);
    const trail = byVersion.get(a.versionId) ?? [];
    if (a.type === "upload") {
      if (Number(v.seq) !== a.seq || String(v.sha256) !== a.sha256)
        problems.push(`acknowledged upload ${a.versionId} changed (seq/sha256)`);
      if (!trail.some((e) => e.action === "asset.uploaded" && e.after?.state === a.state))
        problems.push(`acknowledged upload ${a.versionId} has no asset.uploaded → ${a.state}`);
    } else {
      if (!reviewSet.has(`${a.versionId}|${a.reviewer}`))
        problems.push(`acknowledged approval of ${a.versionId} by ${a.reviewer} has no Review row`);
      if (
        !trail.some(
          (e) => e.action.startsWith("asset.approve_") && e.after?.state === a.state && e.actor === a.reviewer,
        )
      )
        problems.push(
          `acknowledged approval of ${a.versionId} by ${a.reviewer} → ${a.state} has no matching audit event`,
        );
    }
  }
  return problems;
}

for (const [round, killAfter] of KILL_AFTER_ACKS.entries()) {
  test(`round ${round + 1}: kill -9 after ${killAfter} acknowledged writes, restart, nothing half-written, nothing acknowledged lost`, async () => {
    test.setTimeout(120_000);
    const ackedBefore = acks.length;
    const stream = startStream(round);
    await expect.poll(() => stream.acked(), { timeout: 60_000, intervals: [10] }).toBeGreaterThanOrEqual(killAfter);
    // No new request starts from here; the ones in flight (uploads and approvals mid-transaction) are cut off.
    stream.halt();
    const cutOff = stream.inFlight();
    await killServer();
    expect(await stream.done(), "the stream ran without errors until the kill").toBeUndefined();
    console.log(`[crash-safety] round ${round + 1}: killed with ${cutOff} request(s) in flight`);
    const roundAcks = acks.slice(ackedBefore);
    expect(roundAcks.filter((a) => a.type === "upload").length).toBeGreaterThan(0);

    await startServer();
    const db = await openTestDb(databaseUrl);
    try {
      expect(await integrity(db)).toEqual([]);
    } finally {
      await db.close();
    }
    // The restarted server answers normally: reads, and a new upload that is then there.
    const list = await call("GET", "/api/v1/connections", tokens.acme);
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBeGreaterThanOrEqual(4);
    const after = await call("POST", `/api/v1/connections/${connections["ACME-TSH/PPR"]}/assets`, tokens.acme, {
      kind: "ISSUER_HOST",
      host: `after-restart-${round}.acme-bank.example`,
      port: 443,
    });
    expect(after.status).toBe(201);
    const body = await after.json();
    acks.push({
      type: "upload",
      assetId: body.asset.id,
      versionId: body.version.id,
      seq: body.version.seq,
      state: body.version.state,
      sha256: body.version.sha256,
    });
    const detail = await call("GET", `/api/v1/assets/${body.asset.id}`, tokens.acme);
    expect(((await detail.json()) as { versions: { id: string }[] }).versions.map((v) => v.id)).toContain(
      body.version.id,
    );
  });
}
