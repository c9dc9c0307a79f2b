import { once } from "node:events";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import {
  compilePattern,
  directPath,
  loadDirectApi,
  nextCompression,
  serveDirect,
  type DirectHandler,
} from "./direct-api.mjs";

const require = createRequire(import.meta.url);

describe("which requests are served directly", () => {
  it("matches one segment per parameter, never a trailing slash", () => {
    const match = compilePattern("/api/v1/assets/[id]/approve");
    expect(match("/api/v1/assets/a1/approve")).toEqual({ id: "a1" });
    expect(match("/api/v1/assets/a1/approve/")).toBeUndefined();
    expect(match("/api/v1/assets/a/b/approve")).toBeUndefined();
    expect(compilePattern("/api/v1/connections/[id]/trust-store.pem")("/api/v1/connections/c/trust-storeXpem")).toBe(
      undefined,
    );
  });

  it("refuses a catch-all it could not match as Next does", () => {
    expect(() => compilePattern("/api/v1/files/[...path]")).toThrow(/unsupported/);
  });

  it("leaves encoded, dotted, doubled and backslashed paths to Next", () => {
    expect(directPath("/api/v1/check?x=1")).toBe("/api/v1/check");
    for (const target of [
      "/api/v1/assets/a%2Fb",
      "/api/v1/assets/../check",
      "/api/v1/./check",
      "/api/v1//check",
      "/api/v1/check/",
      "/api/v1\\check",
      "/api/health/live",
      "/api/v1",
    ])
      expect(directPath(target), target).toBeUndefined();
  });
});

/** A build folder with the manifests and compiled route modules the loader reads, in Next's shapes. */
function fakeBuild(routes: Record<string, string>): { root: string; distDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "direct-api-"));
  const dir = path.join(root, ".next");
  const appPaths: Record<string, string> = {};
  const pages = Object.keys(routes);
  for (const [page, userland] of Object.entries(routes)) {
    const file = `app${page}/route.js`;
    appPaths[`${page}/route`] = file;
    mkdirSync(path.dirname(path.join(dir, "server", file)), { recursive: true });
    writeFileSync(
      path.join(dir, "server", file),
      `exports.routeModule = { definition: { kind: "APP_ROUTE", page: ${JSON.stringify(`${page}/route`)} }, userland: ${userland} };`,
    );
  }
  writeFileSync(path.join(dir, "server/app-paths-manifest.json"), JSON.stringify(appPaths));
  writeFileSync(
    path.join(dir, "routes-manifest.json"),
    JSON.stringify({
      staticRoutes: pages.filter((p) => !p.includes("[")).map((page) => ({ page })),
      dynamicRoutes: pages.filter((p) => p.includes("[")).map((page) => ({ page })),
    }),
  );
  return { root, distDir: ".next" };
}

describe("loading the compiled routes", () => {
  it("serves each route's exported methods, static routes before dynamic ones", async () => {
    const match = await loadDirectApi(
      fakeBuild({
        "/api/v1/notifications/read-all": "{ POST: () => 'all' }",
        "/api/v1/notifications/[id]": "{ GET: () => 'one' }",
      }),
    );
    expect(match("POST", "/api/v1/notifications/read-all")?.page).toBe("/api/v1/notifications/read-all");
    expect(match("GET", "/api/v1/notifications/n1")).toMatchObject({
      page: "/api/v1/notifications/[id]",
      params: { id: "n1" },
    });
    // Next answers the rest: a method the matched route lacks (405), HEAD from GET, OPTIONS, 404.
    expect(match("GET", "/api/v1/notifications/read-all")).toBeUndefined();
    expect(match("HEAD", "/api/v1/notifications/n1")).toBeUndefined();
    expect(match("DELETE", "/api/v1/notifications/n1")).toBeUndefined();
    expect(match("GET", "/api/v1/nowhere")).toBeUndefined();
  });

  it("refuses to start on a route with a segment config, which only Next applies", async () => {
    await expect(loadDirectApi(fakeBuild({ "/api/v1/check": "{ POST() {}, revalidate: 60 }" }))).rejects.toThrow(
      /revalidate/,
    );
  });

  it("refuses to start when a route module is not in the shape it was built in", async () => {
    const build = fakeBuild({ "/api/v1/check": "{ POST() {} }" });
    writeFileSync(path.join(build.root, ".next/server/app/api/v1/check/route.js"), "exports.handler = () => {};");
    await expect(loadDirectApi(build)).rejects.toThrow(/routeModule/);
  });

  it("reads the route modules through Next's own AppRouteRouteModule as the build compiles them", async () => {
    // What the build template (next/dist/build/templates/app-route.js) makes of a route file: the loader relies on
    // its definition and its lazily loaded userland. Fails here first if a Next upgrade changes them.
    const { AppRouteRouteModule } = require("next/dist/server/route-modules/app-route/module.compiled");
    const POST = () => new Response("ok");
    const routeModule = new AppRouteRouteModule({
      definition: {
        kind: "APP_ROUTE",
        page: "/api/v1/check/route",
        pathname: "/api/v1/check",
        filename: "route",
        bundlePath: "",
      },
      distDir: ".next",
      relativeProjectDir: "",
      resolvedPagePath: "app/api/v1/check/route.ts",
      nextConfigOutput: undefined,
      userland: () => ({ POST }),
    });
    await routeModule.ensureUserland();
    expect(routeModule.definition.kind).toBe("APP_ROUTE");
    expect(routeModule.userland.POST).toBe(POST);
  });

  it("finds Next's compression where the server takes it from", () => {
    const build = fakeBuild({ "/api/v1/check": "{ POST() {} }" });
    writeFileSync(path.join(build.root, ".next/required-server-files.json"), JSON.stringify({ config: {} }));
    expect(nextCompression(build)).toBeTypeOf("function");
    writeFileSync(
      path.join(build.root, ".next/required-server-files.json"),
      JSON.stringify({ config: { compress: false } }),
    );
    expect(nextCompression(build)).toBeUndefined();
  });
});

describe("serving a request as Next did", () => {
  let server: http.Server | undefined;
  const errors: unknown[] = [];
  afterEach(() => {
    server?.close();
    errors.length = 0;
  });

  /** A server answering every request with `handler` through serveDirect; returns its base URL. */
  async function serve(handler: DirectHandler, params: Record<string, string> = {}): Promise<string> {
    server = http.createServer((req, res) => {
      res.setHeader("X-Request-Id", "rid-1");
      void serveDirect(
        req,
        res,
        { handler, params },
        {
          origin: "127.0.0.1:3000",
          hostname: "127.0.0.1",
          port: 3000,
          onError: (error) => errors.push(error),
        },
      );
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("hands the handler Next's request: absolute URL on the server's own host, headers, body, params", async () => {
    let seen: { url: string; method: string; forwardedFor: string | null; body: string; params: unknown } | undefined;
    const base = await serve(
      async (request, { params }) => {
        seen = {
          url: request.url,
          method: request.method,
          forwardedFor: request.headers.get("x-forwarded-for"),
          body: await request.text(),
          params: await params,
        };
        const headers = new Headers({ "x-extra": "1", "content-length": "999" });
        headers.append("set-cookie", "a=1");
        headers.append("set-cookie", "b=2");
        return Response.json({ ok: true }, { status: 201, headers });
      },
      { id: "a1" },
    );
    const response = await fetch(`${base}/api/v1/assets/a1/approve?x=1`, { method: "POST", body: '{"a":1}' });
    expect(seen).toEqual({
      url: "http://127.0.0.1:3000/api/v1/assets/a1/approve?x=1",
      method: "POST",
      forwardedFor: "127.0.0.1",
      body: '{"a":1}',
      params: { id: "a1" },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-extra")).toBe("1");
    expect(response.headers.get("content-length")).not.toBe("999");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("drops Next's internal request headers a client sent, as Next does", async () => {
    let seen: (string | null)[] = [];
    const base = await serve(async (request) => {
      seen = ["x-middleware-rewrite", "x-matched-path", "x-nextjs-data", "x-custom"].map((name) =>
        request.headers.get(name),
      );
      return new Response(null, { status: 204 });
    });
    await fetch(`${base}/api/v1/connections`, {
      headers: { "x-middleware-rewrite": "/admin", "x-matched-path": "/x", "x-nextjs-data": "1", "x-custom": "kept" },
    });
    expect(seen).toEqual([null, null, null, "kept"]);
  });

  it("gives every answer the API's security headers; HSTS only behind HTTPS; the request id is kept", async () => {
    const base = await serve(async () => new Response("x", { headers: { "x-request-id": "from-handler" } }));
    const plain = await fetch(`${base}/api/v1/check`);
    expect(plain.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(plain.headers.get("x-frame-options")).toBe("DENY");
    expect(plain.headers.get("x-request-id")).toBe("rid-1");
    expect(plain.headers.get("vary")).toBe(
      "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch",
    );
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const https = await fetch(`${base}/api/v1/check`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toContain("max-age=");
  });

  it("answers an empty 500 when the handler throws or returns no Response, and reports the error", async () => {
    const base = await serve(async () => {
      throw new Error("boom");
    });
    const thrown = await fetch(`${base}/api/v1/check`);
    expect([thrown.status, await thrown.text()]).toEqual([500, ""]);
    expect(errors).toHaveLength(1);
    server?.close();
    const other = await serve(async () => "not a response");
    const odd = await fetch(`${other}/api/v1/check`);
    expect(odd.status).toBe(500);
  });

  it("streams a body of many chunks whole", async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `chunk ${i};`.repeat(2000));
    const base = await serve(
      async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
              controller.close();
            },
          }),
        ),
    );
    expect(await (await fetch(`${base}/api/v1/check`)).text()).toBe(chunks.join(""));
  });

  it("aborts the handler's request signal when the client goes away", async () => {
    let started = false;
    let aborted: Promise<boolean> | undefined;
    const base = await serve(async (request) => {
      started = true;
      aborted = new Promise((resolve) => request.signal.addEventListener("abort", () => resolve(true)));
      await aborted;
      return new Response(null, { status: 499 });
    });
    const client = new AbortController();
    const pending = fetch(`${base}/api/v1/check`, { signal: client.signal }).catch(() => "gone");
    await expect.poll(() => started).toBe(true);
    client.abort();
    expect(await pending).toBe("gone");
    expect(await aborted).toBe(true);
  });
});
