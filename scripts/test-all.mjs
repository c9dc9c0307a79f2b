// `npm test`: every check the project has, in order, stopping at the first failure:
// lint, a Prettier format check, a production build, typecheck, unit tests, integration tests on SQLite (and PostgreSQL when one
// is reachable), and the Playwright end-to-end suite in Chromium (on SQLite, then on PostgreSQL).
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
    ? "[test] PostgreSQL available: integration and e2e run on SQLite and PostgreSQL"
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
// Specs tagged `@once` (slow, and nothing in them depends on the database engine) run in one pass only:
// on PostgreSQL when it is available, else on SQLite. Everything else runs on both.
const e2e = (label, extraEnv, { skipOnce = false } = {}) => {
  const out = path.join(results, `playwright-${label}.json`);
  rmSync(out, { force: true });
  const args = ["test", "--reporter=list,json", ...(skipOnce ? ["--grep-invert", "@once"] : [])];
  const ok = step(`end-to-end (${label})`, bin("playwright"), args, { ...extraEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
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
if (!e2e("sqlite", { E2E_DATABASE_URL: "" }, { skipOnce: Boolean(env.TEST_DATABASE_URL) })) finish(false);
if (env.TEST_DATABASE_URL && !e2e("postgresql", { E2E_DATABASE_URL: env.TEST_DATABASE_URL })) finish(false);
finish(true);
