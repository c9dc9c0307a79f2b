// The production HTTP server: Next's own request handler inside a plain node:http server, so that every
// request, whatever answers it (page, route handler, server action, proxy, static file), gets a request id
// (X-Request-Id), one JSON log line when it ends (route pattern, status, duration, actor id) and its
// latency in the metrics. Why not proxy.ts or instrumentation.ts: docs/decisions/015-observability.md.
// One worker per core by default (PORTAL_WORKERS, scripts/cluster.mjs); PORTAL_WORKERS=1 is one process.
// Usage: node scripts/serve.mjs [-p PORT] [-H HOST]  (PORT, HOSTNAME and NEXT_DIST_DIR are read too)
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { isIPv6 } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DISCARD_LIMIT_BYTES, formBodyRefusal } from "../lib/http/form-body.mjs";
import { crossOriginActionRefusal } from "../lib/http/action-origin.mjs";
import { MALFORMED_TARGET, wellFormedTarget } from "../lib/http/request-target.mjs";
import { API_CSP, STATIC_SECURITY_HEADERS } from "../lib/http/security-headers.mjs";
import { logger, metrics, runWithRequestContext, setProcessMetricsSource } from "../lib/observe/runtime.mjs";
import { joinClusterMetrics, runPrimary, workerCount } from "./cluster.mjs";
import { loadDirectApi, nextCompression, serveDirect } from "./direct-api.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const arg = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? process.env.HOSTNAME ?? "0.0.0.0";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const log = logger();

// With the SQLite default, a marker beside the database says a portal serves it: `npm run restore` refuses
// to replace a database under a running portal. Kept by the primary when there are workers.
const marker = servingMarker();
const writeMarker = (file) => writeFileSync(file, String(process.pid));
const removeMarker = (file) => rmSync(file, { force: true });

function servingMarker() {
  const url = process.env.DATABASE_URL?.trim();
  if (url && !url.startsWith("file:")) return undefined;
  const file = url ? path.resolve(root, url.slice("file:".length)) : path.join(root, "data", "portal.db");
  return `${file}.serving`;
}

// Route patterns from Next's own manifest, so log lines and metric labels say "/connections/[id]", never a
// raw URL (which would carry ids and query strings, and make unbounded metric series).
function loadRoutes() {
  const manifest = JSON.parse(readFileSync(path.join(root, distDir, "routes-manifest.json"), "utf8"));
  const exact = new Set(manifest.staticRoutes.map((route) => route.page));
  const dynamic = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next/*";
    if (exact.has(pathname)) return pathname;
    return dynamic.find((route) => route.regex.test(pathname))?.page ?? "(unmatched)";
  };
}

// An id from the proxy in front (nginx's $request_id, a load balancer's) is kept when it looks like one.
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A JSON refusal answered here, before Next, with the API's security headers. */
function refuse(res, status, body) {
  res.statusCode = status;
  for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Content-Security-Policy", API_CSP);
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(body));
}

/**
 * Refuses a form post's body (lib/http/form-body.mjs) after reading and dropping what the client sends, so a
 * client still sending receives the answer rather than a reset; the connection is not reused.
 */
function refuseBody(req, res, refusal) {
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > DISCARD_LIMIT_BYTES) req.destroy();
  });
  req.on("end", () => {
    res.setHeader("Connection", "close");
    refuse(res, refusal.status, refusal.body);
  });
}

/** One server: Next's handler behind node:http, with request ids, the request log and metrics. */
async function serve() {
  // Tells server code that x-portal-peer below is ours (lib/server/auth/origin.ts); under a bare `next start`
  // a client could send that header itself, so it is not believed there.
  process.env.PORTAL_PEER_HEADER = "x-portal-peer";
  // Loaded here: the primary of a cluster serves no request and does not need Next.
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, hostname, port, conf: undefined });
  await app.prepare();
  const handle = app.getRequestHandler();
  const routeOf = loadRoutes();
  // /api/v1 straight to its route handlers (scripts/direct-api.mjs) once they are loaded, after the server listens
  // (loading them first made start-up seconds slower); Next answers until then. PORTAL_DIRECT_API=off: always Next.
  let directApi;
  const direct = {
    // The host part of the request URL Next gives route handlers: its own hostname and port, not the Host header.
    origin: `${isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`,
    hostname,
    port,
    compress: nextCompression({ root, distDir }),
  };
  const startDirectApi = () =>
    loadDirectApi({ root, distDir }).then(
      (matcher) => {
        directApi = matcher;
        log.info("the API is served from its route modules");
      },
      (error) => {
        // Next's build output is not what this server reads (an upgrade changed it): stop rather than guess.
        log.fatal({ err: error }, "the API cannot be served from its route modules: stopping");
        process.exit(1);
      },
    );
  const { httpRequests, httpDuration, registry } = metrics();
  if (cluster.isWorker) joinClusterMetrics({ registry, setProcessMetricsSource });

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    // The TCP peer, for deciding which forwarded addresses to believe (PORTAL_TRUSTED_PROXIES); a client's own
    // copy of this header is overwritten.
    req.headers["x-portal-peer"] = req.socket.remoteAddress ?? "";
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const context = { requestId };
    let pathname = "/";
    try {
      pathname = new URL(req.url ?? "/", "http://portal").pathname;
    } catch {
      // an unparsable target is answered by Next (400); it is logged under "(unmatched)"
    }
    res.on("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(pathname);
      const status = res.writableFinished ? res.statusCode : 499;
      httpRequests.inc({ method: req.method, route, status: String(status) });
      httpDuration.observe({ method: req.method, route }, seconds);
      const line = {
        requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        actorId: context.actorId ?? null,
      };
      if (status >= 500) log.error(line, "request failed");
      else log.info(line, "request");
    });
    if (!wellFormedTarget(req.url ?? "/")) return refuse(res, 400, MALFORMED_TARGET);
    const refusal =
      crossOriginActionRefusal(req.method, pathname, req.headers) ?? formBodyRefusal(req.method, pathname, req.headers);
    if (refusal) return refuseBody(req, res, refusal);
    const route = directApi?.(req.method, req.url ?? "/");
    const work = route
      ? () =>
          serveDirect(req, res, route, {
            ...direct,
            onError: (err) =>
              log.error(
                { requestId, method: req.method, route: route.page, routeType: "route", err },
                "error while handling a request",
              ),
          })
      : () => handle(req, res);
    runWithRequestContext(context, work).catch((error) => {
      log.error({ requestId, err: error }, "unhandled error in the request handler");
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal error. Request id: " + requestId);
    });
  });

  // Idle keep-alive connections stay open longer than the load balancers' and clients' usual 60 s: with Node's 5 s
  // default, a client (or a proxy's upstream pool) that reuses a connection just as the server closes it gets a
  // reset instead of an answer (seen in the e2e run: "socket hang up" on a POST after a few seconds' pause).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // The primary writes the marker and handles signals for its workers (a worker still closes on SIGTERM).
  const ownMarker = cluster.isWorker ? undefined : marker;
  server.listen(port, hostname, () => {
    if (ownMarker) writeMarker(ownMarker);
    log.info({ port, hostname }, "portal listening");
    if (process.env.PORTAL_DIRECT_API !== "off") void startDirectApi();
  });

  function shutdown(signal) {
    log.info({ signal }, "portal stopping");
    if (ownMarker) removeMarker(ownMarker);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  }
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

const workers = cluster.isPrimary ? workerCount(process.env.PORTAL_WORKERS) : 1;
if (workers > 1) {
  runPrimary({ count: workers, marker, log, writeMarker, removeMarker });
} else {
  await serve();
}
