// `npm test`: every check the project has, in order, stopping at the first failure:
// lint, a Prettier format check, a production build, typecheck, unit tests, integration tests on SQLite (and PostgreSQL when one
// is reachable), and the Playwright end-to-end suite in Chromium (a smoke set on SQLite, then the whole suite on
// PostgreSQL; the whole suite on SQLite when no PostgreSQL answers).
// Ends with one line "tests: N passed, M failed" summing every test run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0 };
const started = Date.now();

const LOCAL_POSTGRES = "postgresql://portal:portal@127.0.0.1:5432/portal_test";
async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
if (!env.TEST_DATABASE_URL && (await reachable(LOCAL_POSTGRES))) env.TEST_DATABASE_URL = LOCAL_POSTGRES;
if (env.TEST_DATABASE_URL && !(await reachable(env.TEST_DATABASE_URL))) {
  console.error(`[test] TEST_DATABASE_URL is set but PostgreSQL does not answer there.`);
  process.exit(1);
}
console.log(
  env.TEST_DATABASE_URL
    ? "[test] PostgreSQL available: integration on SQLite and PostgreSQL; end-to-end: a smoke set on SQLite, all on PostgreSQL"
    : "[test] no PostgreSQL reachable: SQLite only (set TEST_DATABASE_URL, see README)",
);

function step(label, command, args, extraEnv = {}) {
  const t0 = Date.now();
  console.log(`\n[test] ── ${label}`);
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  console.log(
    `[test] ${label}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected;
  totals.failed += stats.unexpected + stats.flaky;
}

function finish(ok) {
  console.log(
    `\n[test] ${ok ? "all stages passed" : "stopped at the first failing stage"} in ${((Date.now() - started) / 60000).toFixed(1)} min`,
  );
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok ? 0 : 1);
}

const bin = (name) => path.join(root, "node_modules/.bin", name);
const vitest = (project) => {
  const out = path.join(results, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const ok = step(`${project} tests`, bin("vitest"), [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${out}`,
  ]);
  countVitest(out);
  return ok;
};
// With PostgreSQL available, the whole browser suite runs on it, and the SQLite pass runs the smoke set below: the
// journeys that cross every layer on the embedded default `npm start` serves, the API flow (tokens read by raw SQL),
// the races and crash safety (locking and transactions are the engine's), two workers on one SQLite file, and health.
// Every service is tested on both databases in the integration stage; running the other ~250 browser tests twice cost
// ~12 minutes of CI for nothing engine-specific. Without PostgreSQL, the whole suite runs on SQLite.
const SQLITE_SMOKE = [
  "e2e/d1-csr-journey.spec.ts",
  "e2e/tsh-journey.spec.ts",
  "e2e/api/d1-flow.spec.ts",
  "e2e/resilience/races.spec.ts",
  "e2e/resilience/crash-safety.spec.ts",
  "e2e/ops/cluster.spec.ts",
  "e2e/ops/health.spec.ts",
];
const e2e = (label, extraEnv, specs = []) => {
  const out = path.join(results, `playwright-${label}.json`);
  rmSync(out, { force: true });
  const ok = step(`end-to-end (${label})`, bin("playwright"), ["test", "--reporter=list,json", ...specs], {
    ...extraEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  countPlaywright(out);
  return ok;
};

if (!step("lint", bin("eslint"), ["."])) finish(false);
if (!step("format check", bin("prettier"), ["--check", "."])) finish(false);
// The build comes before the typecheck: it regenerates .next/types, which tsconfig includes.
if (!step("production build", bin("next"), ["build"])) finish(false);
if (!step("typecheck", bin("tsc"), ["--noEmit"])) finish(false);
if (!vitest("unit")) finish(false);
if (!vitest("integration")) finish(false);
if (!e2e("sqlite", { E2E_DATABASE_URL: "" }, env.TEST_DATABASE_URL ? SQLITE_SMOKE : [])) finish(false);
if (env.TEST_DATABASE_URL && !e2e("postgresql", { E2E_DATABASE_URL: env.TEST_DATABASE_URL })) finish(false);
finish(true);
