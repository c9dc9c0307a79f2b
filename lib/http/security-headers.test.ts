import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import path from "node:path";
import type { NextConfig } from "next";
import { API_CSP, PROXYLESS_SOURCES, STATIC_SECURITY_HEADERS } from "./security-headers.mjs";

/** Next's matcher source as a JavaScript regex over the pathname (it is a single custom group here). */
const proxied = new RegExp(`^${config.matcher[0]!.source}$`);
/** A `headers()` source (`/a/:path*` or a literal) as a regex. */
const toRegex = (source: string) => new RegExp(`^${source.replace(/\/:path\*$/, "(?:/.*)?")}$`);

const API_PATHS = [
  "/api/v1/check",
  "/api/v1/connections",
  "/api/v1/connections/abc/assets",
  "/api/v1/openapi.json",
  "/api/v1/assets/x/download",
  "/api/v1",
  "/api/health",
  "/api/health/live",
  "/api/health/ready",
  "/api/metrics",
];
const PAGES = [
  "/",
  "/login",
  "/connections/abc",
  "/review",
  "/api/auth/session",
  "/api/auth/callback/credentials",
  "/api/metricsx",
  "/api/v1x",
  "/api/healthz",
  "/no-such-page",
];

describe("who sets the security headers", () => {
  it("the proxy runs for every page and next-auth route, not for the bearer-token API", () => {
    for (const page of PAGES) expect(proxied.test(page), page).toBe(true);
    for (const api of API_PATHS) expect(proxied.test(api), api).toBe(false);
    for (const file of ["/_next/static/chunks/a.js", "/favicon.ico"]) expect(proxied.test(file), file).toBe(false);
  });

  it("every path the proxy skips (static files aside) gets the full set from next.config headers()", async () => {
    // Plain JavaScript without types: loaded through a path TypeScript does not resolve.
    const file = path.resolve(import.meta.dirname, "../../next.config.js");
    const nextConfig = ((await import(file)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    for (const api of API_PATHS) {
      const matching = rules.filter((rule) => !rule.has && toRegex(rule.source).test(api));
      const keys = new Map(matching.flatMap((rule) => rule.headers.map((h) => [h.key, h.value] as const)));
      expect(keys.get("Content-Security-Policy"), api).toBe(API_CSP);
      for (const { key, value } of STATIC_SECURITY_HEADERS) expect(keys.get(key), `${api} ${key}`).toBe(value);
      expect(
        rules.some(
          (rule) =>
            rule.has?.[0]?.value === "https" &&
            toRegex(rule.source).test(api) &&
            rule.headers.some((h) => h.key === "Strict-Transport-Security"),
        ),
        api,
      ).toBe(true);
    }
    for (const page of PAGES)
      expect(
        PROXYLESS_SOURCES.some((source) => toRegex(source).test(page)),
        page,
      ).toBe(false);
  });

  it("the API's CSP lets nothing load and nothing frame it", () => {
    expect(API_CSP).toContain("default-src 'none'");
    expect(API_CSP).toContain("frame-ancestors 'none'");
  });
});
