// The process-wide observability state, shared by the HTTP server (scripts/serve.mjs, plain Node) and the
// app's server code (bundled by Next): one logger, one request context, one metrics registry. It lives on
// globalThis under a registered symbol because the server and the bundle each load their own copy of this
// module; whichever comes first creates it (docs/decisions/015-observability.md).
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import client from "prom-client";
import { scrubValue } from "./scrub.mjs";

const KEY = Symbol.for("tls-onboarding-portal.observe");
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function state() {
  globalThis[KEY] ??= {
    context: new AsyncLocalStorage(),
    logger: undefined,
    metrics: undefined,
    metricsSource: undefined,
  };
  return globalThis[KEY];
}

/** A pino logger with the portal's options: JSON lines, level from LOG_LEVEL (default info), scrubbed. */
export function createLogger(destination = pino.destination({ sync: true })) {
  const wanted = (process.env.LOG_LEVEL ?? "info").trim().toLowerCase();
  return pino(
    {
      level: LEVELS.includes(wanted) ? wanted : "info",
      base: { service: "tls-onboarding-portal", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      serializers: { err: (error) => scrubValue(pino.stdSerializers.err(error)) },
      formatters: { level: (label) => ({ level: label }), log: (object) => scrubValue(object) },
    },
    destination,
  );
}

/** The process's logger (stdout). */
export function logger() {
  const s = state();
  s.logger ??= createLogger();
  return s.logger;
}

/** The current request's context ({ requestId, actorId }) while Next handles it, else undefined. */
export function requestContext() {
  return state().context.getStore();
}

export function runWithRequestContext(context, work) {
  return state().context.run(context, work);
}

/** Called where a request's actor becomes known (session or API token), for its log line. */
export function noteActor(actorId) {
  const context = requestContext();
  if (context && !context.actorId) context.actorId = actorId;
}

/**
 * The metrics registry and the in-process series. Each process has its own (README "Running in
 * production"): counters and histograms here count this process's work; gauges derived from the database
 * are computed at scrape time by the /api/metrics route and are the same on every instance.
 */
export function metrics() {
  const s = state();
  if (!s.metrics) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry, prefix: "portal_process_" });
    s.metrics = {
      registry,
      httpRequests: new client.Counter({
        name: "portal_http_requests_total",
        help: "HTTP requests answered by this process, by method, route pattern and status.",
        labelNames: ["method", "route", "status"],
        registers: [registry],
      }),
      httpDuration: new client.Histogram({
        name: "portal_http_request_duration_seconds",
        help: "Time to answer an HTTP request, by method and route pattern.",
        labelNames: ["method", "route"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
      uploads: new client.Counter({
        name: "portal_upload_verdicts_total",
        help: "Upload validations by this process, by verdict (stored, rejected, needs-confirmation, checked).",
        labelNames: ["verdict"],
        registers: [registry],
      }),
      uploadFindings: new client.Counter({
        name: "portal_upload_findings_total",
        help: "Findings reported on uploads by this process, by finding code and severity.",
        labelNames: ["code", "severity"],
        registers: [registry],
      }),
    };
  }
  return s.metrics;
}

/**
 * Where the process series of a scrape come from: by default this process's registry; in a cluster worker
 * (scripts/serve.mjs with PORTAL_WORKERS > 1) the primary's sum over every worker, so one scrape of
 * /api/metrics covers the whole server whichever worker answers it.
 */
export function setProcessMetricsSource(source) {
  state().metricsSource = source;
}

/** The Prometheus text of the process series (HTTP, uploads, Node runtime) for a scrape. */
export function processMetrics() {
  const source = state().metricsSource;
  return source ? source() : metrics().registry.metrics();
}
