import "server-only";
import type { Db } from "../db/client";
import type { DatabaseConfig } from "../db/config";
import { loadMigrations, migrationsDir } from "../db/migrate";
import { loadSigningCa } from "../ca/signing-ca";
import { jobsHealth } from "./jobs-health";
import { ReadinessFailure } from "./readiness-failure";

export type CheckStatus = "ok" | "fail" | "skipped";
export type CheckResult = { status: CheckStatus; detail: string; durationMs: number };
export type Readiness = { status: "ready" | "not-ready"; checkedAt: string; checks: Record<string, CheckResult> };
export type CheckReadinessOptions = { db: Db; config: DatabaseConfig; now?: Date; timeoutMs?: number };

/**
 * Whether this instance can serve: the database answers, every migration of this build is applied (and
 * none it does not know), the signing CA loads (its key decrypts with this instance's secret), and no
 * background job is stuck. Each check has a time limit, so a hung database answers 503 instead of hanging
 * the probe. Details name what failed, never a secret, a connection string or a raw error message.
 */
export async function checkReadiness(options: CheckReadinessOptions): Promise<Readiness> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? 3000;
  const checks: Record<string, CheckResult> = {};
  checks.database = await timed(timeoutMs, async () => {
    await options.db.$queryRawUnsafe("SELECT 1");
    return `${options.config.provider} answers`;
  });
  const dbUp = checks.database.status === "ok";
  checks.migrations = dbUp ? await timed(timeoutMs, () => migrationsApplied(options)) : skipped("database unreachable");
  const migrated = checks.migrations.status === "ok";
  checks.ca = migrated
    ? await timed(timeoutMs, async () => `signing CA loaded (${(await loadSigningCa(options.db, now)).info.source})`)
    : skipped("database not ready");
  checks.jobs = migrated ? await timed(timeoutMs, () => jobsHealth(options.db, now)) : skipped("database not ready");
  const ready = Object.values(checks).every((check) => check.status === "ok");
  return { status: ready ? "ready" : "not-ready", checkedAt: now.toISOString(), checks };
}

async function migrationsApplied({ db, config }: CheckReadinessOptions): Promise<string> {
  const expected = loadMigrations(migrationsDir(config.provider)).map((m) => m.name);
  let rows: { migration_name: string }[];
  try {
    rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
  } catch {
    throw new ReadinessFailure("no migrations applied (run the portal's start script or scripts/prepare.ts)");
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name));
  const unknown = [...applied].filter((name) => !expected.includes(name));
  if (unknown.length)
    throw new ReadinessFailure(
      `the database has migrations this build does not know: ${unknown.join(", ")} (a newer version ran on it)`,
    );
  if (pending.length) throw new ReadinessFailure(`${pending.length} migration(s) pending: ${pending.join(", ")}`);
  return `${applied.size} applied, none pending`;
}

function skipped(detail: string): CheckResult {
  return { status: "skipped", detail, durationMs: 0 };
}

async function timed(timeoutMs: number, work: () => Promise<string>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessFailure(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const detail = await Promise.race([work(), timeout]);
    return { status: "ok", detail, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const detail = error instanceof ReadinessFailure ? error.message : `failed${errorCode(error)}`;
    return { status: "fail", detail, durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** A driver error code (ECONNREFUSED, SQLITE_CANTOPEN, 28P01...) says what broke without quoting anything. */
function errorCode(error: unknown): string {
  for (
    let cause: unknown = error, depth = 0;
    cause && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{2,40}$/i.test(code)) return ` (${code})`;
  }
  return "";
}
