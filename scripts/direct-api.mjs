// The bearer-token API (/api/v1) served by scripts/serve.mjs straight from its compiled route handlers, without
// Next's request handler: for these routes Next's router, route-module pipeline and Web-stream plumbing cost more
// CPU than the handlers themselves (docs/decisions/031-direct-api-dispatch.md has the measurements). What Next
// did for them is done here the same way: the security headers of next.config.js, the request URL it built, the
// abort signal, params, its copying of the response (headers, status, streamed body), gzip, and a 500 with one
// error line for a handler that throws. Anything else (HEAD, OPTIONS, other methods, odd paths) still goes to
// Next. This reads Next's build output (routes-manifest.json, server/app-paths-manifest.json and each route's
// `routeModule.userland`): when a Next upgrade changes them, loadDirectApi throws and the server does not start.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { API_CSP, HSTS, STATIC_SECURITY_HEADERS } from "../lib/http/security-headers.mjs";

const require = createRequire(import.meta.url);
const PREFIX = "/api/v1/";
/** The methods served here; Next answers HEAD (from GET), OPTIONS and 405 itself. */
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** Exports a route file may have: its handlers. A route-segment config (revalidate, dynamic...) needs Next. */
const HANDLER_EXPORTS = new Set([...METHODS, "HEAD", "OPTIONS"]);
/** Dropped from a handler's response headers, as Next's sendResponse does (node frames the body itself). */
const FORBIDDEN_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding"]);
/** Next appends these even when the response already has one; any other header already set wins. */
const MULTIPLE = new Set(["set-cookie", "www-authenticate", "proxy-authenticate", "vary"]);

/**
 * A route pattern ("/api/v1/assets/[id]/approve") as a strict matcher: one non-empty segment per [param], no
 * trailing slash (Next redirects those), no catch-alls (none exist under /api/v1; one would need Next's rules).
 */
export function compilePattern(page) {
  const names = [];
  const source = page
    .split("/")
    .map((segment) => {
      const param = /^\[([A-Za-z0-9_]+)\]$/.exec(segment);
      if (param) {
        names.push(param[1]);
        return "([^/]+)";
      }
      if (/[[\]]/.test(segment)) throw new Error(`direct API: unsupported route segment "${segment}" in ${page}`);
      return segment.replace(/[.*+?^${}()|\\]/g, "\\$&");
    })
    .join("/");
  const regex = new RegExp(`^${source}$`);
  return (pathname) => {
    const match = regex.exec(pathname);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
  };
}

/**
 * A request path served here: under /api/v1/, no percent-encoding (Next decodes params by its own rules), no
 * backslash, no empty, "." or ".." segment (Next normalizes or redirects those). Everything else goes to Next.
 */
export function directPath(target) {
  const end = target.indexOf("?");
  const pathname = end === -1 ? target : target.slice(0, end);
  if (!pathname.startsWith(PREFIX) || /[%#\\]/.test(pathname)) return undefined;
  for (const segment of pathname.slice(1).split("/"))
    if (segment === "" || segment === "." || segment === "..") return undefined;
  return pathname;
}

/**
 * Loads every /api/v1 route of the build and checks that each is what this dispatcher can serve: a compiled App
 * Router route module whose userland exports handlers only. Throws otherwise, so the server refuses to start.
 * Returns the matcher: (method, request target) → { handler, page, params } or undefined (then Next answers).
 */
export async function loadDirectApi({ root, distDir }) {
  const dir = path.join(root, distDir);
  const read = (file) => JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  const appPaths = read("server/app-paths-manifest.json");
  const manifest = read("routes-manifest.json");
  const order = [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((route) => route.page);
  const exact = new Map();
  const dynamic = [];
  for (const page of order) {
    if (!page.startsWith(PREFIX)) continue;
    const file = appPaths[`${page}/route`];
    if (!file) throw new Error(`direct API: ${page} has no route module in server/app-paths-manifest.json`);
    // One route per turn of the event loop: requests arriving meanwhile are answered (by Next) between them.
    await new Promise((resolve) => setImmediate(resolve));
    const entry = require(path.join(dir, "server", file));
    const routeModule = entry?.routeModule;
    if (routeModule?.definition?.kind !== "APP_ROUTE" || routeModule.definition.page !== `${page}/route`)
      throw new Error(`direct API: ${file} does not export an App Router routeModule for ${page}`);
    if (typeof routeModule.ensureUserland === "function") await routeModule.ensureUserland();
    const userland = routeModule.userland;
    const exported = Object.keys(userland ?? {}).filter((key) => key !== "__esModule");
    const config = exported.filter((key) => !HANDLER_EXPORTS.has(key));
    if (!exported.length || config.length)
      throw new Error(`direct API: ${page} exports ${config.join(", ") || "nothing"}: only handlers can be served`);
    const handlers = Object.fromEntries(exported.filter((key) => METHODS.has(key)).map((key) => [key, userland[key]]));
    for (const [method, handler] of Object.entries(handlers))
      if (typeof handler !== "function") throw new Error(`direct API: ${page} ${method} is not a function`);
    const route = { page, handlers };
    if (page.includes("[")) dynamic.push({ ...route, match: compilePattern(page) });
    else exact.set(page, route);
  }
  if (!exact.size && !dynamic.length) throw new Error("direct API: no /api/v1 route in the build");
  return (method, target) => {
    const pathname = directPath(target);
    if (!pathname) return undefined;
    let route = exact.get(pathname);
    let params = {};
    if (!route)
      for (const candidate of dynamic) {
        const found = candidate.match(pathname);
        if (found) {
          route = candidate;
          params = found;
          break;
        }
      }
    const handler = route?.handlers[method];
    return handler ? { handler, page: route.page, params } : undefined;
  };
}

/**
 * Next's gzip for responses (its `compress` option, on unless next.config.js turns it off), the same middleware
 * it runs in front of every request, with the same release of the zlib stream when the client goes away.
 */
export function nextCompression({ root, distDir }) {
  const { config } = JSON.parse(readFileSync(path.join(root, distDir, "required-server-files.json"), "utf8"));
  if (config?.compress === false) return undefined;
  const middleware = require("next/dist/compiled/compression")();
  const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream");
  if (typeof middleware !== "function" || typeof releaseCompressionStream !== "function")
    throw new Error("direct API: Next's compression middleware is not where it was");
  return (req, res) => {
    middleware(req, res, () => {});
    res.once("close", () => res.writableFinished || releaseCompressionStream(res));
  };
}

/**
 * Next's Vary on every App Router answer (base-server setVaryHeader), from its own constants; compression appends
 * Accept-Encoding to it as it does under Next.
 */
function nextVary() {
  const h = require("next/dist/client/components/app-router-headers");
  const names = [
    h.RSC_HEADER,
    h.NEXT_ROUTER_STATE_TREE_HEADER,
    h.NEXT_ROUTER_PREFETCH_HEADER,
    h.NEXT_ROUTER_SEGMENT_PREFETCH_HEADER,
  ];
  if (names.some((name) => typeof name !== "string")) throw new Error("direct API: Next's router headers have moved");
  return names.join(", ");
}
const VARY = nextVary();

/** Next's removal of its internal request headers (x-middleware-*, x-matched-path…) that a client may not set. */
function nextInternalHeaderFilter() {
  const { filterInternalHeaders } = require("next/dist/server/lib/server-ipc/utils");
  if (typeof filterInternalHeaders !== "function")
    throw new Error("direct API: Next's internal header filter is not where it was");
  return filterInternalHeaders;
}
const filterInternalHeaders = nextInternalHeaderFilter();

/**
 * The request's headers as Web Headers, as Next hands them to a route handler: without Next's internal headers,
 * with the x-forwarded-* it fills in when the client sent none (base-server handleRequestImpl), repeated headers
 * appended.
 */
function webHeaders(req, { hostname, port }) {
  const incoming = req.headers;
  filterInternalHeaders(incoming);
  const proto = incoming["x-forwarded-proto"];
  const https = proto ? proto === "https" : Boolean(req.socket.encrypted);
  incoming["x-forwarded-host"] ??= incoming.host ?? hostname;
  incoming["x-forwarded-port"] ??= port ? String(port) : https ? "443" : "80";
  incoming["x-forwarded-proto"] ??= https ? "https" : "http";
  incoming["x-forwarded-for"] ??= req.socket.remoteAddress;
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

/**
 * Serves one matched request: the same Request Next would have built (absolute URL from the server's own host and
 * port, as `next({ hostname, port })` does; aborted when the client goes before the answer is complete), the
 * handler, then its Response copied onto `res` as Next's sendResponse does. `compress` is Next's own gzip
 * middleware (its `compress` option); `onError` logs a thrown error, which is answered with an empty 500 as Next does.
 */
export async function serveDirect(req, res, { handler, params }, { origin, hostname, port, compress, onError }) {
  for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Content-Security-Policy", API_CSP);
  if (req.headers["x-forwarded-proto"] === "https") res.setHeader(HSTS.key, HSTS.value);
  res.setHeader("Vary", VARY);
  compress?.(req, res);

  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new DOMException("The client went away", "AbortError"));
  });
  const proto = String(req.headers["x-forwarded-proto"] ?? "").includes("https") ? "https" : "http";
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  let response;
  try {
    const request = new Request(`${proto}://${origin}${req.url}`, {
      method: req.method,
      headers: webHeaders(req, { hostname, port }),
      signal: controller.signal,
      ...(hasBody && !controller.signal.aborted ? { body: req, duplex: "half" } : {}),
    });
    response = await handler(request, { params: Promise.resolve(params) });
    if (!(response instanceof Response)) response = new Response(null, { status: 500 });
  } catch (error) {
    onError(error);
    response = new Response(null, { status: 500 });
  }
  await send(res, response);
}

/** Next's sendResponse: status, headers (ones already set win, except the multi-valued), then the body streamed. */
async function send(res, response) {
  if (res.destroyed) return void response.body?.cancel().catch(() => {});
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (FORBIDDEN_HEADERS.has(name) || name === "x-middleware-set-cookie" || name === "set-cookie") return;
    if (MULTIPLE.has(name) || res.getHeader(name) === undefined) res.appendHeader(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) res.appendHeader("set-cookie", cookie);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const cancel = () => reader.cancel().catch(() => {});
  res.once("close", cancel);
  try {
    // Most answers are one chunk (NextResponse.json): sent with res.end, in one write.
    let chunk = await reader.read();
    for (;;) {
      if (chunk.done) return void res.end();
      const following = await reader.read();
      if (following.done) return void res.end(chunk.value);
      if (res.destroyed) return;
      if (!res.write(chunk.value)) await drained(res);
      chunk = following;
    }
  } catch (error) {
    // The client went away (the reader was cancelled) or the body failed midway: nothing more can be sent.
    if (!res.writableEnded) res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off("close", cancel);
  }
}

function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
