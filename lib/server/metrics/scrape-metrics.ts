import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import client from "prom-client";
import { IN_FORCE } from "@/lib/assets/lifecycle";
import { EXPIRY_THRESHOLDS, expiryStage } from "@/lib/pki";
import { processMetrics } from "@/lib/observe/runtime.mjs";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { collectJobMetrics } from "./job-metrics";

export type ScrapeMetricsOptions = { db: Db; authorization: string | null; token: string | undefined; now?: Date };

/**
 * The Prometheus exposition for one scrape: this server's counters and histograms (HTTP, uploads; summed over
 * its workers when `npm start` runs several, scripts/cluster.mjs), plus
 * gauges computed from the database now (certificates in force by days to expiry, sign-in outcomes from
 * the audit trail, jobs and outbox). Database gauges are the same on every instance; sum the process
 * series across instances, take max() of the database ones (README "Running in production").
 * Without PORTAL_METRICS_TOKEN the endpoint does not exist (404); a wrong token is 401.
 */
export async function scrapeMetrics(options: ScrapeMetricsOptions): Promise<{ contentType: string; body: string }> {
  if (!options.token) throw new AppError("NOT_FOUND");
  if (!sameSecret(/^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? "")?.[1] ?? "", options.token)) {
    throw new AppError("UNAUTHENTICATED", "Send the metrics token as `Authorization: Bearer <PORTAL_METRICS_TOKEN>`.");
  }
  const now = options.now ?? new Date();
  const fromDb = new client.Registry();
  await Promise.all([
    certificateGauges(options.db, now, fromDb),
    authGauges(options.db, fromDb),
    collectJobMetrics(options.db, now, fromDb),
  ]);
  // The process series (summed over the workers of a clustered server) and the database gauges have no name
  // in common; each block is complete exposition text.
  const [own, db] = await Promise.all([processMetrics(), fromDb.metrics()]);
  return { contentType: fromDb.contentType, body: `${own.trimEnd()}\n${db}` };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function certificateGauges(db: Db, now: Date, registry: client.Registry): Promise<void> {
  const gauge = new client.Gauge({
    name: "portal_certificates_in_force",
    help: "Certificate versions in force (approved, issued, published, acknowledged), by asset kind, environment and days to expiry.",
    labelNames: ["kind", "environment", "expiry"],
    registers: [registry],
  });
  const rows = await db.assetVersion.findMany({
    where: { state: { in: [...IN_FORCE] }, notAfter: { not: null } },
    select: { notAfter: true, asset: { select: { kind: true, connection: { select: { environment: true } } } } },
  });
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify([row.asset.kind, row.asset.connection.environment, expiryLabel(row.notAfter!, now)]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) {
    const [kind, environment, expiry] = JSON.parse(key) as string[];
    gauge.set({ kind, environment, expiry }, count);
  }
  // Every band is present (0 when empty), so an alert on "expired > 0" has a series to watch.
  if (!counts.size) for (const expiry of EXPIRY_LABELS) gauge.set({ kind: "any", environment: "any", expiry }, 0);
}

/** The notice thresholds of lib/pki/expiry.ts as labels: "expired", "1d" … "90d" (within), "later". */
const EXPIRY_LABELS = ["expired", ...EXPIRY_THRESHOLDS.map((t) => `${t.days}d`), "later"];
function expiryLabel(notAfter: Date, now: Date): string {
  const stage = expiryStage(notAfter, now);
  return stage === undefined ? "later" : stage === "expired" ? "expired" : `${stage}d`;
}

async function authGauges(db: Db, registry: client.Registry): Promise<void> {
  const gauge = new client.Gauge({
    name: "portal_auth_events",
    help: "Sign-in outcomes recorded in the audit trail (all instances), by action, e.g. auth.login.success, auth.login.failure, auth.login.throttled. Only grows: use increase().",
    labelNames: ["action"],
    registers: [registry],
  });
  const groups = await db.auditEvent.groupBy({
    by: ["action"],
    where: { action: { startsWith: "auth." } },
    _count: { _all: true },
  });
  for (const group of groups) gauge.set({ action: group.action }, group._count._all);
  for (const action of ["auth.login.success", "auth.login.failure", "auth.login.throttled"]) {
    if (!groups.some((group) => group.action === action)) gauge.set({ action }, 0);
  }
}
