/**
 * HTTP benchmark of the built portal (issue 6, "Performance"): `npm run bench:http`.
 *
 * Builds the app into its own folder (.next-bench, never .next), then for each database (SQLite, then
 * PostgreSQL) prepares a fresh database through the project's own scripts, seeds 10,000 assets for the
 * readiness board, starts the production server (scripts/serve.mjs, as `npm start`: PORTAL_WORKERS workers) on
 * a free loopback port and drives it from this process with autocannon at 1, 10 and 50 connections, each
 * measurement three times (the median is reported). The ceiling, measured in the same run the same way, is a
 * bare node:http server running the same lib/pki check as POST /api/v1/check (bench/http/ceiling-server.ts);
 * every row gets its ratio to it. Prints a table and a JSON blob (also written to bench/results/).
 * Everything is loopback, bounded in time, and cleaned up (servers, temp dirs, bench databases) on exit.
 * See bench/README.md for options.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon, { type RequestSpec, type Result } from "autocannon";
import pg from "pg";
import { dropDatabase } from "../tests/support/drop-database";

const ROOT = path.resolve(import.meta.dirname, "..");
/** The build the bench serves: its own folder, or another one with --skip-build (BENCH_DIST_DIR=.next). */
const DIST = process.env.BENCH_DIST_DIR || ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SERVE = path.join(ROOT, "scripts/serve.mjs");
const DEMO_PASSWORD = "portal-demo-2026";
/** The API's default page of connections (what the board-api scenario expects of its first page). */
const API_PAGE_SIZE = 100;

// ---------------------------------------------------------------------------------------------- options
const { values: flags } = parseArgs({
  options: {
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    db: { type: "string" },
    scenarios: { type: "string" },
    identifiers: { type: "string" },
    "skip-build": { type: "boolean" },
    "pg-url": { type: "string" },
    "time-limit": { type: "string" },
    repeat: { type: "string" },
    workers: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (flags.help) {
  console.log(readFileSync(path.join(ROOT, "bench/README.md"), "utf8"));
  process.exit(0);
}
const env = process.env;
const OPTS = {
  duration: Number(flags.duration ?? env.BENCH_DURATION ?? 6),
  warmup: Number(flags.warmup ?? env.BENCH_WARMUP ?? 1),
  connections: (flags.connections ?? env.BENCH_CONNECTIONS ?? "1,10,50")
    .split(",")
    .map(Number)
    .filter((n) => n > 0),
  dbs: (flags.db ?? env.BENCH_DB ?? "sqlite,postgresql")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean) as ("sqlite" | "postgresql")[],
  scenarios: (flags.scenarios ?? env.BENCH_SCENARIOS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  identifiers: Number(flags.identifiers ?? env.BENCH_BOARD_IDENTIFIERS ?? 1250),
  skipBuild: flags["skip-build"] ?? env.BENCH_SKIP_BUILD === "1",
  pgAdminUrl: flags["pg-url"] ?? env.BENCH_PG_ADMIN_URL ?? "postgresql://portal:portal@127.0.0.1:5432/portal_test",
  timeLimitS: Number(flags["time-limit"] ?? env.BENCH_TIME_LIMIT ?? 1800),
  /** Each measurement this many times; the table shows the median of each figure. */
  repeat: Math.max(1, Number(flags.repeat ?? env.BENCH_REPEAT ?? 3)),
  /** PORTAL_WORKERS of scripts/serve.mjs (unset: its default, one per core). */
  workers: (flags.workers ?? env.BENCH_WORKERS ?? env.PORTAL_WORKERS) as string | undefined,
  /** Processes of the bare-Node ceiling: --workers, else the cores. */
  ceilingWorkers: Math.max(
    1,
    Number(flags.workers ?? env.BENCH_WORKERS ?? env.PORTAL_WORKERS ?? os.availableParallelism()),
  ),
};
for (const db of OPTS.dbs)
  if (db !== "sqlite" && db !== "postgresql") throw new Error(`unknown database ${db} (sqlite, postgresql)`);

// ---------------------------------------------------------------------------------------------- cleanup
/** Cleanups run last-in first-out, once, on normal exit, error, signal or the overall time limit. */
const cleanups: { label: string; fn: () => Promise<void> | void }[] = [];
function onCleanup(label: string, fn: () => Promise<void> | void): () => Promise<void> {
  const entry = { label, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
}
let cleaning: Promise<void> | undefined;
function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { label, fn } = cleanups.pop()!;
      try {
        await fn();
      } catch (error) {
        console.error(`[bench] cleanup "${label}" failed:`, error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: cleaning up`);
    void cleanupAll().finally(() => process.exit(130));
  });
}
const deadline = setTimeout(() => {
  console.error(`[bench] time limit of ${OPTS.timeLimitS}s reached: stopping`);
  void cleanupAll().finally(() => process.exit(124));
}, OPTS.timeLimitS * 1000);
deadline.unref();

const log = (...args: unknown[]) => console.log("[bench]", ...args);

// ---------------------------------------------------------------------------------------------- helpers
/** Runs a node script of the project to completion (bounded), returns stdout. */
function runNode(args: string[], childEnv: NodeJS.ProcessEnv, timeoutMs = 120_000): string {
  try {
    return execFileSync(process.execPath, args, {
      cwd: ROOT,
      env: childEnv,
      timeout: timeoutMs,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 << 20,
    }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `${args.join(" ")} failed: ${e.message}\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`,
    );
  }
}
const appScript = (script: string, childEnv: NodeJS.ProcessEnv, ...args: string[]) =>
  runNode(["--conditions=react-server", "--import", "tsx", script, ...args], childEnv);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU time (user + system, ms) used so far by every process of a process group (Linux /proc). The
 * server's CPU per request does not depend on what else the machine runs, unlike req/s and latency.
 */
function groupCpuMs(pgid: number | undefined): number {
  if (!pgid || !existsSync("/proc/self/stat")) return NaN;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* exited meanwhile */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

function openssl(args: string[]): string {
  return execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 }).toString();
}

/** A fresh P-256 CSR (private key thrown away) with the subject of the D1 policy. */
function p256Csr(dir: string, name: string, subj: string): string {
  const out = path.join(dir, `${name}.csr`);
  openssl([
    "req",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    "/dev/null",
    "-sha256",
    "-subj",
    subj,
    "-out",
    out,
  ]);
  return readFileSync(out, "utf8");
}

// ---------------------------------------------------------------------------------------------- build
function build(): { ms: number } {
  // `next build` rewrites tsconfig.json and next-env.d.ts for the dist dir it builds into: put them back.
  // A fresh worktree has no next-env.d.ts (it is git-ignored): one the build writes is removed again.
  const guarded = ["tsconfig.json", "next-env.d.ts"].map((f) => {
    const file = path.join(ROOT, f);
    return { file, text: existsSync(file) ? readFileSync(file, "utf8") : null };
  });
  const restore = () => {
    for (const { file, text } of guarded)
      if (text === null) rmSync(file, { force: true });
      else if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  };
  const done = onCleanup("restore tsconfig.json/next-env.d.ts", restore);
  const t0 = Date.now();
  log(`building into ${DIST}/ (next build, about a minute)`);
  try {
    execFileSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      env: { ...env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `next build failed:\n${e.stdout?.toString().slice(-6000) ?? ""}\n${e.stderr?.toString().slice(-4000) ?? ""}`,
    );
  } finally {
    void done();
  }
  return { ms: Date.now() - t0 };
}

// ---------------------------------------------------------------------------------------------- databases
type Database = { kind: "sqlite" | "postgresql"; url: string; drop: () => Promise<void> };

async function createDatabase(kind: "sqlite" | "postgresql"): Promise<Database> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-bench-sqlite-"));
    const drop = onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    return { kind, url: `file:${path.join(dir, "portal.db")}`, drop };
  }
  const name = `portal_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: OPTS.pgAdminUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(OPTS.pgAdminUrl);
  url.pathname = `/${name}`;
  const drop = onCleanup(`drop database ${name}`, async () => {
    await dropDatabase(OPTS.pgAdminUrl, name);
  });
  return { kind, url: url.toString(), drop };
}

// ---------------------------------------------------------------------------------------------- server
type Server = { port: number; base: string; logFile: string; pid?: number; stop: () => Promise<void> };

async function startServer(appEnv: NodeJS.ProcessEnv, logDir: string, label: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(logDir, `server-${label}.log`);
  const out = createWriteStream(logFile);
  // BENCH_CPU_PROF=<dir>: V8 CPU profile of the server (written when it stops), to see where time goes.
  const prof = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(env.BENCH_CPU_PROF)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, SERVE, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...appEnv,
      NEXTAUTH_URL: base,
      NEXT_DIST_DIR: DIST,
      NODE_ENV: "production",
      PORT: String(port),
      ...(OPTS.workers ? { PORTAL_WORKERS: OPTS.workers } : {}),
    },
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = onCleanup(`stop server ${label}`, async () => {
    if (exited || !child.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
  });
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(`server exited during start-up, see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    try {
      const res = await fetch(`${base}/login`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`server did not answer within 60 s, see ${logFile}`);
    await sleep(250);
  }
  return { port, base, logFile, pid: child.pid, stop };
}

/** next-auth credentials sign-in (once per user): returns the Cookie header of the session. */
async function login(base: string, email: string, password: string, otp?: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(15_000) });
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({
      csrfToken,
      email,
      password,
      ...(otp ? { otp } : {}),
      json: "true",
      callbackUrl: `${base}/`,
    }),
  });
  keep(res);
  const session = [...jar.keys()].find((k) => k.includes("session-token"));
  if (!session) throw new Error(`login of ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return `${session}=${jar.get(session)}`;
}

// ---------------------------------------------------------------------------------------------- scenarios
type Scenario = {
  name: string;
  description: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  /** Bodies sent in rotation (POST). */
  bodies?: string[];
  /** Paths sent in rotation with the bodies, the i-th request to paths[i] with bodies[i] (same length). */
  paths?: string[];
  expect: number;
  /** Checked once before the load: the response is what the scenario claims to measure. */
  validate?: (status: number, body: string) => string | undefined;
};

type Row = {
  scenario: string;
  database: string;
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  /** 1-minute load average of the machine after the run: other work on the box shows here. */
  load1: number;
  /** Server CPU (all its processes) per request, ms, and cores it used on average during the run. */
  serverCpuMsPerReq: number;
  serverCores: number;
  /** req/s of each repetition (the row shows their median). */
  rpsRuns?: number[];
};

async function load(
  base: string,
  s: Scenario,
  connections: number,
  duration: number,
  amount?: number,
): Promise<Result> {
  let i = 0;
  const request: RequestSpec = { method: s.method, path: s.path, headers: s.headers };
  if (s.bodies?.length) {
    const bodies = s.bodies;
    const paths = s.paths;
    request.setupRequest = (req) => {
      const n = i++;
      return { ...req, body: bodies[n % bodies.length], ...(paths ? { path: paths[n % paths.length] } : {}) };
    };
  }
  // amount: a fixed number of requests (slow scenarios), all of them awaited, instead of a duration.
  return autocannon({
    url: base,
    connections,
    ...(amount ? { amount, timeout: 120 } : { duration, timeout: 30 }),
    requests: [request],
  });
}

function toRow(s: Scenario, database: string, connections: number, r: Result, serverCpuMs: number): Row {
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    scenario: s.name,
    database,
    connections,
    durationS: r.duration,
    requests,
    rps: requests / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    mean: r.latency.mean ?? r.latency.average,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: requests - (statusCodes[String(s.expect)] ?? 0),
    statusCodes,
    bytesPerResponse: requests ? Math.round((r.throughput.total ?? 0) / requests) : 0,
    load1: Math.round(os.loadavg()[0]! * 100) / 100,
    serverCpuMsPerReq: requests ? serverCpuMs / requests : NaN,
    serverCores: serverCpuMs / 1000 / r.duration,
  };
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** OPTS.repeat runs of one scenario at one concurrency: each figure is the median of the runs. */
async function measure(
  base: string,
  s: Scenario,
  database: string,
  connections: number,
  pid: number | undefined,
  amount?: number,
): Promise<Row> {
  const runs: Row[] = [];
  for (let i = 0; i < OPTS.repeat; i++) {
    const cpu0 = groupCpuMs(pid);
    const r = await load(base, s, connections, OPTS.duration, amount);
    runs.push(toRow(s, database, connections, r, groupCpuMs(pid) - cpu0));
  }
  const pick = (key: keyof Row) => median(runs.map((r) => r[key] as number));
  const sum = (key: keyof Row) => runs.reduce((a, r) => a + (r[key] as number), 0);
  return {
    ...runs[0]!,
    durationS: sum("durationS"),
    requests: sum("requests"),
    rps: pick("rps"),
    p50: pick("p50"),
    p90: pick("p90"),
    p99: pick("p99"),
    max: Math.max(...runs.map((r) => r.max)),
    mean: pick("mean"),
    errors: sum("errors"),
    timeouts: sum("timeouts"),
    non2xx: sum("non2xx"),
    statusCodes: runs.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.statusCodes)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
    bytesPerResponse: pick("bytesPerResponse"),
    load1: pick("load1"),
    serverCpuMsPerReq: pick("serverCpuMsPerReq"),
    serverCores: pick("serverCores"),
    rpsRuns: runs.map((r) => Math.round(r.rps * 10) / 10),
  };
}

// ---------------------------------------------------------------------------------------------- ceiling
/**
 * The bare-Node ceiling over HTTP: bench/http/ceiling-server.ts (node:http + the same lib/pki check, as many
 * processes as the portal), driven exactly like the `check` scenario, at each concurrency.
 */
async function bareNodeCeiling(tmp: string, body: string): Promise<Row[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench/http/ceiling-server.ts"), String(port), String(OPTS.ceilingWorkers)],
    { cwd: ROOT, detached: true, stdio: ["ignore", "ignore", "inherit"] },
  );
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = onCleanup("stop the ceiling server", async () => {
    if (exited || !child.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    for (let i = 0; i < 30 && !exited; i++) await sleep(100);
    if (!exited)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
  });
  const s: Scenario = {
    name: "bare-node-ceiling",
    description: "node:http + checkAsset, same CSR and JSON",
    method: "POST",
    path: "/check",
    headers: { "content-type": "application/json" },
    bodies: [body],
    expect: 200,
  };
  const until = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(base + s.path, { method: "POST", body, headers: s.headers }).then(
      (r) => r.text().then((t) => r.status === 200 && t.includes('"accepted"')),
      () => false,
    );
    if (ok) break;
    if (exited || Date.now() > until) throw new Error("the ceiling server did not answer an accepted verdict");
    await sleep(200);
  }
  void tmp;
  if (OPTS.warmup > 0) await load(base, s, 10, OPTS.warmup);
  const rows: Row[] = [];
  for (const c of OPTS.connections) {
    const row = await measure(base, s, "-", c, child.pid);
    rows.push(row);
    log(
      `[ceiling] bare node c=${String(c).padStart(2)}  ${row.rps.toFixed(1).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  server ${fmt(row.serverCpuMsPerReq, 2)} ms CPU/req, ${fmt(row.serverCores, 2)} cores, load ${row.load1}`,
    );
  }
  await stop();
  return rows;
}

// ---------------------------------------------------------------------------------------------- first-load JS
type PageWeight = {
  route: string;
  url: string;
  as: string;
  status: number;
  scripts: number;
  jsRawBytes: number;
  jsGzipBytes: number;
  htmlGzipBytes: number;
  /** Time to the first byte of the body, sequential requests at 1 connection: median and slowest of TTFB_SAMPLES. */
  ttfbMedianMs: number;
  ttfbMaxMs: number;
  ok: boolean;
  note?: string;
};

const TTFB_SAMPLES = 7;

/** Milliseconds from sending the request to the first byte of the answer's body (the whole body is then read). */
async function timeToFirstByte(url: string, cookie: string | undefined): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(60_000),
  });
  const reader = res.body!.getReader();
  await reader.read();
  const ms = performance.now() - started;
  while (!(await reader.read()).done);
  return ms;
}

/**
 * First-load JavaScript per page, from the build output: each page is fetched once as the user who may see
 * it, the <script src> and preloaded scripts it references are read from .next-bench/static and gzipped.
 * (Next 16 no longer prints "First Load JS" in `next build`.) Then the same page is fetched TTFB_SAMPLES more
 * times, one at a time, for its time to first byte.
 */
async function firstLoadJs(
  base: string,
  sessions: { as: string; cookie?: string }[],
  param: (route: string, name: string) => string,
): Promise<PageWeight[]> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, DIST, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const routes = [
    ...new Set(
      Object.entries(manifest)
        .filter(([entry]) => entry.endsWith("/page"))
        .map(([, route]) => route),
    ),
  ]
    .filter((r) => r !== "/_global-error")
    .sort();
  const gz = new Map<string, { raw: number; gz: number }>();
  const weights: PageWeight[] = [];
  for (const route of routes) {
    const url =
      route === "/_not-found"
        ? "/no-such-page-bench"
        : route.replace(/\[(\w+)\]/g, (_, name: string) => param(route, name));
    const wanted = route === "/_not-found" ? 404 : 200;
    let chosen: { res: Response; html: string; as: string; cookie?: string } | undefined;
    let last = 0;
    const tried: string[] = [];
    for (const s of sessions) {
      const res = await fetch(base + url, {
        redirect: "manual",
        headers: s.cookie ? { cookie: s.cookie } : {},
        signal: AbortSignal.timeout(60_000),
      });
      const html = await res.text();
      last = res.status;
      tried.push(`${s.as} ${res.status}`);
      if (res.status === wanted) {
        chosen = { res, html, as: s.as, cookie: s.cookie };
        break;
      }
    }
    if (!chosen) {
      weights.push({
        route,
        url,
        as: "-",
        status: last,
        scripts: 0,
        jsRawBytes: 0,
        jsGzipBytes: 0,
        htmlGzipBytes: 0,
        ttfbMedianMs: 0,
        ttfbMaxMs: 0,
        ok: false,
        note: `no user got HTTP ${wanted} (${tried.join(", ")})`,
      });
      continue;
    }
    const srcs = new Set<string>();
    for (const m of chosen.html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]!);
    for (const m of chosen.html.matchAll(
      /<link[^>]*rel="(?:preload|modulepreload)"[^>]*as="script"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*as="script"/g,
    ))
      srcs.add((m[1] ?? m[2])!);
    let raw = 0;
    let zipped = 0;
    for (const src of srcs) {
      const rel = decodeURIComponent(new URL(src, base).pathname).replace(/^\/_next\//, "");
      const file = path.join(ROOT, DIST, rel);
      if (!existsSync(file)) continue;
      if (!gz.has(file)) {
        const bytes = readFileSync(file);
        gz.set(file, { raw: bytes.length, gz: gzipSync(bytes).length });
      }
      raw += gz.get(file)!.raw;
      zipped += gz.get(file)!.gz;
    }
    const ttfb: number[] = [];
    for (let i = 0; i < TTFB_SAMPLES; i++) ttfb.push(await timeToFirstByte(base + url, chosen.cookie));
    ttfb.sort((a, b) => a - b);
    weights.push({
      route,
      url,
      as: chosen.as,
      status: chosen.res.status,
      scripts: srcs.size,
      jsRawBytes: raw,
      jsGzipBytes: zipped,
      htmlGzipBytes: gzipSync(chosen.html).length,
      ttfbMedianMs: ttfb[Math.floor(ttfb.length / 2)]!,
      ttfbMaxMs: ttfb.at(-1)!,
      ok: zipped < 200 * 1024,
    });
  }
  return weights;
}

// ---------------------------------------------------------------------------------------------- one database
type DbRun = {
  database: string;
  seed: unknown;
  rows: Row[];
  sanity: Record<string, { status: number; bytes: number; ms: number; sample: string }>;
  firstLoad?: PageWeight[];
  serverErrors: string[];
  notes: string[];
};

async function runDatabase(
  kind: "sqlite" | "postgresql",
  tmp: string,
  csrs: { check: string; uploads: string[] },
): Promise<DbRun> {
  const notes: string[] = [];
  log(`[${kind}] creating a fresh database`);
  const database = await createDatabase(kind);
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_ADMIN_EMAIL: "bench-admin@portal.test",
    PORTAL_ADMIN_PASSWORD: `Bench-${randomBytes(12).toString("base64url")}-2026`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  log(`[${kind}] migrations + first admin, demo data, ${OPTS.identifiers * 8} board assets`);
  appScript("scripts/prepare.ts", appEnv);
  appScript("scripts/seed-demo.ts", appEnv);
  const seed = JSON.parse(
    appScript("bench/http/seed-board.ts", appEnv, String(OPTS.identifiers)).trim().split("\n").pop()!,
  );
  const token = (email: string) =>
    appScript("scripts/token.ts", appEnv, "--email", email, "--name", "bench").trim().split("\n").pop()!;
  const tokens = {
    acme: token("ops@acme.test"),
    globex: token("ops@globex.test"),
    delivery: token("delivery1@thales.test"),
    // The board seed's first organization: its d1 identifiers take the spread uploads.
    bench: token("ops1@bench-bank.test"),
  };
  // Delivery and admin users must have two-factor on: enrol them (portal services), sign in with a recovery code.
  const otp = JSON.parse(
    appScript("bench/http/enrol-mfa.ts", appEnv, "delivery1@thales.test", appEnv.PORTAL_ADMIN_EMAIL!)
      .trim()
      .split("\n")
      .pop()!,
  ) as Record<string, string>;

  log(`[${kind}] starting the server (scripts/serve.mjs)`);
  const server = await startServer(appEnv, tmp, kind);
  const { base } = server;
  const api = async (p: string, tok: string) => {
    const res = await fetch(base + p, {
      headers: { authorization: `Bearer ${tok}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json();
  };
  type Conn = { id: string; identifier: string; environment: string; program: string };
  const acmeConns = (await api("/api/v1/connections", tokens.acme)) as Conn[];
  const globexConns = (await api("/api/v1/connections", tokens.globex)) as Conn[];
  const acmePpr = acmeConns.find((c) => c.identifier === "ACME01" && c.environment === "PPR")!;
  const globexPpr = globexConns.find((c) => c.identifier === "GLOBEX9" && c.environment === "PPR")!;
  if (!acmePpr || !globexPpr) throw new Error("demo connections ACME01 PPR / GLOBEX9 PPR not found");
  const acmeAssets = (await api(`/api/v1/connections/${acmePpr.id}/assets`, tokens.acme)) as {
    currentVersion: { id: string } | null;
  }[];
  const versionId = acmeAssets.find((a) => a.currentVersion)?.currentVersion?.id ?? "none";
  // Uploads spread over one organization's d1 connections, a CSR made for each (its CN names the connection).
  const spread = ((await api("/api/v1/connections?limit=1000", tokens.bench)) as Conn[])
    .filter((c) => c.program === "d1")
    .map((c) => ({
      path: `/api/v1/connections/${c.id}/assets`,
      body: JSON.stringify({
        kind: "CUSTOMER_CSR",
        content: p256Csr(
          tmp,
          `spread-${c.id}`,
          `/C=FR/ST=Ile-de-France/L=Paris/O=Bench Bank/OU=Cards/CN=TLSMA-ECDSA\\/${c.identifier}\\/D1.${c.environment}`,
        ),
        filename: "spread.csr",
        acceptWarnings: true,
      }),
    }));
  if (spread.length < 10) throw new Error(`the spread upload needs 10 connections, the seed gave ${spread.length}`);

  // Sign-ins: once per user and server (next-auth credentials, as the browser does).
  const deliveryCookie = await login(base, "delivery1@thales.test", DEMO_PASSWORD, otp["delivery1@thales.test"]);

  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });
  const json = { "content-type": "application/json" };
  const all: Scenario[] = [
    {
      name: "check",
      description: "POST /api/v1/check, P-256 CSR (validation only)",
      method: "POST",
      path: "/api/v1/check",
      expect: 200,
      headers: { ...auth(tokens.acme), ...json },
      bodies: [
        JSON.stringify({
          program: "d1",
          environment: "PPR",
          identifier: "ACME01",
          kind: "CUSTOMER_CSR",
          content: csrs.check,
        }),
      ],
      validate: (st, b) =>
        st === 200 && /"verdict"\s*:\s*"accepted"/.test(b)
          ? undefined
          : `expected an accepted verdict, got ${st} ${b.slice(0, 200)}`,
    },
    {
      name: "trust-store",
      description: "GET /api/v1/connections/{ACME01 PPR}/trust-store.pem",
      method: "GET",
      path: `/api/v1/connections/${acmePpr.id}/trust-store.pem`,
      expect: 200,
      headers: auth(tokens.acme),
      validate: (st, b) =>
        st === 200 && b.includes("BEGIN CERTIFICATE") ? undefined : `expected a PEM, got ${st} ${b.slice(0, 200)}`,
    },
    {
      name: "assets-list",
      description: "GET /api/v1/connections/{ACME01 PPR}/assets",
      method: "GET",
      path: `/api/v1/connections/${acmePpr.id}/assets`,
      expect: 200,
      headers: auth(tokens.acme),
    },
    {
      name: "connections-customer",
      description: "GET /api/v1/connections as ops@acme.test (2 connections)",
      method: "GET",
      path: "/api/v1/connections",
      expect: 200,
      headers: auth(tokens.acme),
    },
    {
      name: "board-api",
      description: `GET /api/v1/connections as delivery1, first page of ${API_PAGE_SIZE} (of ${seed.totalConnections} connections, ${seed.totalAssets} assets)`,
      method: "GET",
      path: "/api/v1/connections",
      expect: 200,
      headers: auth(tokens.delivery),
      // The API pages by cursor: the first page is what a caller waits for. The scenario fails if the server's default
      // page size (CONNECTIONS_PAGE_SIZE of lib/server/api/schemas.ts, server-only) is no longer API_PAGE_SIZE.
      validate: (st, b) =>
        st === 200 && (JSON.parse(b) as unknown[]).length === Math.min(API_PAGE_SIZE, seed.totalConnections)
          ? undefined
          : `expected the first page of ${Math.min(API_PAGE_SIZE, seed.totalConnections)} connections, got ${st} ${b.slice(0, 200)}`,
    },
    {
      name: "board-html",
      description: "GET / (readiness board HTML) with delivery1's session",
      method: "GET",
      path: "/",
      expect: 200,
      headers: { cookie: deliveryCookie, accept: "text/html" },
      // The staff board is paged (60 connections, i.e. 30 identifiers of two environments, per page): a full first
      // page and a link to the next one show the whole seed is behind it.
      validate: (st, b) =>
        st === 200 &&
        b.includes('data-testid="waiting-count"') &&
        (b.match(/data-testid="identifier-group"/g)?.length ?? 0) >= Math.min(30, OPTS.identifiers) &&
        (OPTS.identifiers <= 30 || b.includes("Next →"))
          ? undefined
          : `expected a full first board page (≥${Math.min(30, OPTS.identifiers)} identifier groups and a next page), got ${st} ${b.slice(0, 200)}`,
    },
    // The other staff views issue 16 holds to the board's target at the same size, each as delivery1 opens it.
    ...(
      [
        ["review-html", "/review", "the review queue, first page of 100", "queue-row"],
        [
          "expiring-html",
          "/expiring?days=3650",
          "the expiring view over ten years (every version in force)",
          "expiring-row",
        ],
        [
          "search-html",
          "/search?q=BENCH001",
          "search for BENCH001 (100 identifiers' versions), first page",
          "search-hit",
        ],
      ] as const
    ).map(([name, pathname, what, row]): Scenario => ({
      name,
      description: `GET ${pathname}: ${what}, with delivery1's session`,
      method: "GET",
      path: pathname,
      expect: 200,
      headers: { cookie: deliveryCookie, accept: "text/html" },
      validate: (st, b) =>
        st === 200 && b.includes(`data-testid="${row}"`)
          ? undefined
          : `expected rows (${row}) on ${pathname}, got ${st} ${b.slice(0, 200)}`,
    })),
    {
      name: "upload",
      description: "POST /api/v1/connections/{GLOBEX9 PPR}/assets, P-256 CSR stored (withdraws the previous one)",
      method: "POST",
      path: `/api/v1/connections/${globexPpr.id}/assets`,
      expect: 201,
      headers: { ...auth(tokens.globex), ...json },
      bodies: csrs.uploads.map((content, i) =>
        JSON.stringify({ kind: "CUSTOMER_CSR", content, filename: `globex-${i}.csr`, acceptWarnings: true }),
      ),
    },
    {
      name: "upload-spread",
      description: `POST /api/v1/connections/{id}/assets over ${spread.length} d1 connections of one organization in rotation, P-256 CSR stored (each withdraws its connection's previous one)`,
      method: "POST",
      path: spread[0]!.path,
      paths: spread.map((u) => u.path),
      expect: 201,
      headers: { ...auth(tokens.bench), ...json },
      bodies: spread.map((u) => u.body),
    },
  ];
  const scenarios = OPTS.scenarios.length ? all.filter((s) => OPTS.scenarios.includes(s.name)) : all;

  const sanity: DbRun["sanity"] = {};
  const rows: Row[] = [];
  for (const s of scenarios) {
    try {
      const t0 = Date.now();
      const res = await fetch(base + s.path, {
        method: s.method,
        headers: s.headers,
        body: s.bodies?.[0],
        redirect: "manual",
        signal: AbortSignal.timeout(180_000),
      });
      const body = await res.text();
      sanity[s.name] = { status: res.status, bytes: body.length, ms: Date.now() - t0, sample: body.slice(0, 160) };
      const problem =
        res.status !== s.expect
          ? `expected HTTP ${s.expect}, got ${res.status}: ${body.slice(0, 200)}`
          : s.validate?.(res.status, body);
      if (problem) {
        notes.push(`${kind} ${s.name}: sanity request failed, scenario skipped: ${problem}`);
        log(`[${kind}] ${s.name}: SKIPPED, ${problem}`);
        continue;
      }
      // A request slower than a tenth of the run would mostly be cut off by a timed run (in-flight requests are
      // not counted): such scenarios send a fixed number of requests instead (one per connection, at least 3),
      // up to 10 connections, all awaited.
      // Timed as the fastest of five more requests: with several server processes, each one's first request also
      // loads the route's code and starts its check pool (timing only the second request took the cold start of
      // the second process for the scenario's speed, and measured PostgreSQL's check with three requests).
      let oneMs = Infinity;
      for (let i = 0; i < 5; i++) {
        const t1 = Date.now();
        await (
          await fetch(base + (s.paths?.[i % s.paths.length] ?? s.path), {
            method: s.method,
            headers: s.headers,
            body: s.bodies?.[i % (s.bodies?.length ?? 1)],
            redirect: "manual",
            signal: AbortSignal.timeout(180_000),
          })
        ).arrayBuffer();
        oneMs = Math.min(oneMs, Date.now() - t1);
      }
      const slow = oneMs > (OPTS.duration * 1000) / 10;
      if (slow)
        notes.push(
          `${kind} ${s.name}: one request took ${oneMs} ms, so it was measured with a fixed count of requests (max(3, connections)), at ≤ 10 connections`,
        );
      if (OPTS.warmup > 0 && !slow) await load(base, s, 10, OPTS.warmup);
      for (const c of OPTS.connections) {
        if (slow && c > 10) continue;
        const row = await measure(base, s, kind, c, server.pid, slow ? Math.max(3, c) : undefined);
        rows.push(row);
        log(
          `[${kind}] ${s.name.padEnd(20)} c=${String(c).padStart(2)}${slow ? ` n=${Math.max(3, c)}` : ""}  ${row.rps.toFixed(1).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  non-2xx ${row.non2xx}  server ${fmt(row.serverCpuMsPerReq, 1)} ms CPU/req, ${fmt(row.serverCores, 2)} cores, load ${row.load1}${row.non2xx ? " " + JSON.stringify(row.statusCodes) : ""}`,
        );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      notes.push(`${kind} ${s.name}: failed: ${message}`);
      log(`[${kind}] ${s.name}: FAILED, ${message}`);
    }
  }

  let firstLoad: PageWeight[] | undefined;
  if (kind === OPTS.dbs[0]) {
    log(`[${kind}] first-load JS per page`);
    const customerCookie = await login(base, "ops@acme.test", DEMO_PASSWORD);
    const adminCookie = await login(
      base,
      appEnv.PORTAL_ADMIN_EMAIL!,
      appEnv.PORTAL_ADMIN_PASSWORD!,
      otp[appEnv.PORTAL_ADMIN_EMAIL!],
    );
    firstLoad = await firstLoadJs(
      base,
      [
        { as: "customer", cookie: customerCookie },
        { as: "delivery", cookie: deliveryCookie },
        { as: "admin", cookie: adminCookie },
        { as: "anonymous" },
      ],
      (route, name) => (name === "kind" ? "CUSTOMER_CSR" : route.startsWith("/versions/") ? versionId : acmePpr.id),
    );
  }

  await server.stop();
  const logText = readFileSync(server.logFile, "utf8");
  // Each distinct error the server logged (first lines of its block), to report 5xx causes.
  const lines = logText.split("\n");
  const blocks = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    if (!/Unexpected error|⨯|Error:|Error \[/.test(lines[i]!)) continue;
    const block = lines
      .slice(i, i + 12)
      .filter((l) => !/digest:|^\s*$/.test(l))
      .join("\n")
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>");
    blocks.set(block, (blocks.get(block) ?? 0) + 1);
    i += 11;
  }
  const serverErrors = [...blocks].slice(0, 8).map(([b, n]) => `${n}× ${b}`);
  await database.drop();
  return { database: kind, seed, rows, sanity, firstLoad, serverErrors, notes };
}

// ---------------------------------------------------------------------------------------------- report
function fmt(n: number, d = 0) {
  return Number.isFinite(n) ? n.toFixed(d) : "-";
}

function printTable(rows: Row[], ceiling: Row[]) {
  const ratio = (r: Row) => {
    const ref = ceiling.find((c) => c.connections === r.connections);
    return ref && ref.rps ? `${fmt((100 * r.rps) / ref.rps, 0)} %` : "-";
  };
  const head = [
    "scenario",
    "database",
    "conns",
    "req/s",
    "of ceiling",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "max ms",
    "errors",
    "non-2xx",
    "kB/resp",
    "srv CPU ms/req",
    "srv cores",
    "load1",
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.database,
    String(r.connections),
    fmt(r.rps, 1),
    ratio(r),
    fmt(r.p50),
    fmt(r.p90),
    fmt(r.p99),
    fmt(r.max),
    String(r.errors),
    r.non2xx
      ? `${r.non2xx} ${JSON.stringify(Object.fromEntries(Object.entries(r.statusCodes).filter(([k]) => !k.startsWith("2"))))}`
      : "0",
    fmt(r.bytesPerResponse / 1024, 1),
    fmt(r.serverCpuMsPerReq, 1),
    fmt(r.serverCores, 2),
    fmt(r.load1, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    "| " + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
  console.log(line(head));
  console.log("|" + widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const b of body) console.log(line(b));
}

type Target = { target: string; database: string; value: string; met: boolean };

/** Issue 16's targets (2 cores, 10 connections). */
function targets(rows: Row[], firstLoad: PageWeight[] | undefined): Target[] {
  const out: Target[] = [];
  for (const db of OPTS.dbs) {
    for (const [name, rps, p99] of [
      ["check", 1000, 50],
      ["connections-customer", 1000, 50],
      ["upload", 300, Infinity],
      ["upload-spread", 300, Infinity],
    ] as const) {
      const r = rows.find((x) => x.database === db && x.scenario === name && x.connections === 10);
      const label = `${name} ≥ ${rps} req/s${Number.isFinite(p99) ? ` and p99 < ${p99} ms` : ""} at 10 clients`;
      if (r)
        out.push({
          target: label,
          database: db,
          value: `${fmt(r.rps, 1)} req/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}`,
          met: r.rps >= rps && r.p99 < p99 && r.non2xx === 0 && r.errors === 0,
        });
    }
    for (const name of ["board-api", "board-html", "review-html", "expiring-html", "search-html"]) {
      for (const r of rows.filter((x) => x.database === db && x.scenario === name)) {
        out.push({
          target: `${name} p99 < 250 ms with 10k assets, ${r.connections} client(s)`,
          database: db,
          value: `p99 ${r.p99} ms (${fmt(r.rps, 1)} req/s)`,
          met: r.p99 < 250 && r.non2xx === 0 && r.errors === 0,
        });
      }
    }
  }
  for (const p of firstLoad ?? [])
    out.push({
      target: `first-load JS < 200 kB gzip: ${p.route}`,
      database: "-",
      value: p.as !== "-" ? `${fmt(p.jsGzipBytes / 1024, 1)} kB` : (p.note ?? "?"),
      met: p.ok,
    });
  for (const p of firstLoad ?? [])
    out.push({
      target: `TTFB < 100 ms at 1 connection (median of ${TTFB_SAMPLES}): ${p.route}`,
      database: OPTS.dbs[0]!,
      value: p.as !== "-" ? `${fmt(p.ttfbMedianMs, 1)} ms (slowest ${fmt(p.ttfbMaxMs, 1)} ms)` : (p.note ?? "?"),
      met: p.as !== "-" && p.ttfbMedianMs < 100,
    });
  return out;
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const started = new Date();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  onCleanup(`remove ${tmp}`, () => rmSync(tmp, { recursive: true, force: true }));
  log(`options ${JSON.stringify(OPTS)}`);

  // CSRs made with openssl, as customers do. The upload CSRs are distinct keys, sent in rotation.
  const check = p256Csr(
    tmp,
    "acme-ppr",
    "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments/CN=TLSMA-ECDSA\\/ACME01\\/D1.PPR",
  );
  const uploads = Array.from({ length: 16 }, (_, i) =>
    p256Csr(
      tmp,
      `globex-${i}`,
      "/C=US/ST=Delaware/L=Wilmington/O=Globex Pay Inc/OU=Gateway/CN=TLSMA-ECDSA\\/GLOBEX9\\/D1.PPR",
    ),
  );

  log(
    `load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(
        " ",
      )}, ${os.availableParallelism()} cores, server workers ${OPTS.workers ?? "default"}, ceiling processes ${OPTS.ceilingWorkers}`,
  );
  // Ceiling first, on an idle machine: the same check as POST /api/v1/check, in-process, one core.
  log("PKI ceiling: checkAsset in-process");
  const ceiling = JSON.parse(
    runNode(
      [
        "--import",
        "tsx",
        "bench/http/ceiling.ts",
        path.join(tmp, "acme-ppr.csr"),
        String(Math.max(2000, OPTS.duration * 500)),
      ],
      env,
    )
      .trim()
      .split("\n")
      .pop()!,
  ) as Record<string, number>;
  log(
    `ceiling: checkAsset ${fmt(ceiling.checkAsset!)} checks/s, checkAssetSync ${fmt(ceiling.checkAssetSync!)} checks/s`,
  );

  const checkBody = JSON.stringify({
    program: "d1",
    environment: "PPR",
    identifier: "ACME01",
    kind: "CUSTOMER_CSR",
    content: check,
  });
  log(`bare-Node ceiling over HTTP (${OPTS.ceilingWorkers} process${OPTS.ceilingWorkers > 1 ? "es" : ""})`);
  const ceilingRows = await bareNodeCeiling(tmp, checkBody);

  let buildInfo: { ms: number } | { skipped: true } = { skipped: true };
  if (OPTS.skipBuild) {
    if (!existsSync(path.join(ROOT, DIST, "BUILD_ID"))) throw new Error(`--skip-build: no build in ${DIST}/`);
    log(`reusing the build in ${DIST}/ (--skip-build)`);
  } else {
    if (DIST !== ".next-bench")
      throw new Error("BENCH_DIST_DIR is for --skip-build: the bench builds only into .next-bench/");
    buildInfo = build();
    log(`built in ${fmt(buildInfo.ms / 1000, 1)} s`);
  }

  const runs: DbRun[] = [];
  for (const kind of OPTS.dbs) {
    try {
      runs.push(await runDatabase(kind, tmp, { check, uploads }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`[${kind}] FAILED: ${message}`);
      runs.push({
        database: kind,
        seed: null,
        rows: [],
        sanity: {},
        serverErrors: [],
        notes: [`${kind}: run failed: ${message.slice(0, 2000)}`],
      });
    }
  }

  const rows = runs.flatMap((r) => r.rows);
  const firstLoad = runs.find((r) => r.firstLoad)?.firstLoad;
  console.log(
    `\nHTTP benchmark (autocannon on loopback; latency in ms; medians of ${OPTS.repeat}; server PORTAL_WORKERS ${OPTS.workers ?? "default"}, ceiling ${OPTS.ceilingWorkers} process(es); "of ceiling": req/s against the bare-Node server at the same connections; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})\n`,
  );
  printTable([...ceilingRows, ...rows], ceilingRows);
  console.log(
    `\nceiling (in-process, one core): checkAsset ${fmt(ceiling.checkAsset!)} checks/s · checkAssetSync ${fmt(ceiling.checkAssetSync!)} checks/s · with JSON in/out ${fmt(ceiling.checkAssetPlusJson!)} checks/s`,
  );
  for (const db of OPTS.dbs) {
    const best = Math.max(0, ...rows.filter((r) => r.database === db && r.scenario === "check").map((r) => r.rps));
    const bare = Math.max(0, ...ceilingRows.map((r) => r.rps));
    if (best)
      console.log(
        `  POST /api/v1/check on ${db}: best ${fmt(best, 1)} req/s = ${fmt((100 * best) / bare, 1)} % of the bare-Node server's best (${fmt(bare, 1)} req/s)`,
      );
  }
  if (firstLoad) {
    console.log(
      `\nFirst-load JS per page (gzip of the script files each page's HTML references, from ${DIST}/static)\n`,
    );
    for (const p of firstLoad)
      console.log(
        `  ${p.route.padEnd(36)} ${p.as !== "-" ? `${fmt(p.jsGzipBytes / 1024, 1).padStart(6)} kB gzip (${fmt(p.jsRawBytes / 1024, 0)} kB raw, ${p.scripts} scripts, HTML ${fmt(p.htmlGzipBytes / 1024, 1)} kB gzip, TTFB ${fmt(p.ttfbMedianMs, 1)} ms, slowest ${fmt(p.ttfbMaxMs, 1)}) as ${p.as}` : p.note}`,
      );
  }
  const t = targets(rows, firstLoad);
  console.log("\nTargets (issue 16)\n");
  for (const x of t) console.log(`  ${x.met ? "MET   " : "MISSED"} ${x.database.padEnd(10)} ${x.target}: ${x.value}`);
  const notes = runs.flatMap((r) => r.notes);
  for (const n of notes) console.log(`  NOTE ${n}`);
  for (const r of runs)
    if (r.serverErrors.length)
      console.log(`\nErrors in the server log (${r.database}), distinct blocks:\n${r.serverErrors.join("\n---\n")}`);

  const result = {
    bench: "http",
    loadAverageAtEnd: os.loadavg(),
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    options: OPTS,
    build: buildInfo,
    ceiling,
    bareNodeCeiling: ceilingRows,
    rows,
    firstLoad,
    targets: t,
    databases: runs.map(({ database, seed, sanity, serverErrors, notes: n }) => ({
      database,
      seed,
      sanity,
      serverErrors,
      notes: n,
    })),
  };
  const outDir = path.join(ROOT, "bench/results");
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `http-${started.toISOString().replace(/[:.]/g, "-").slice(0, 19)}.json`);
  writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
  console.log(`\nJSON (also in ${path.relative(ROOT, outFile)}):`);
  console.log(JSON.stringify(result));
}

main()
  .then(() => cleanupAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error("[bench] failed:", error instanceof Error ? error.message : error);
    await cleanupAll();
    process.exit(1);
  });
