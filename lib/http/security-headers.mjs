// The security headers every response carries, in one place for the three places that set them: proxy.ts
// (pages, with a per-request CSP nonce), next.config.js (the API paths the proxy skips, static values) and
// scripts/serve.mjs (a URL refused before Next sees it).

/** Headers with the same value on every response. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** The CSP of answers that are never HTML (JSON, PEM, archives): nothing may load, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Only where the portal is reached over HTTPS (directly or through a proxy that says so). */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/**
 * Paths answered without the proxy (proxy.ts `config.matcher` leaves them out; keep both in step, the unit
 * test security-headers.test.ts checks it): route handlers that authenticate with a bearer token or nothing, so
 * the proxy's session refresh and nonce are of no use there and its cost (Next's middleware plumbing clones
 * every request body) is paid for nothing. Sources in Next's `headers()` syntax.
 */
export const PROXYLESS_SOURCES = ["/api/v1/:path*", "/api/health/:path*", "/api/metrics"];

/** next.config.js `headers()`: the API's security headers, HSTS when the request came over HTTPS. */
export function apiSecurityHeaders() {
  const headers = [{ key: "Content-Security-Policy", value: API_CSP }, ...STATIC_SECURITY_HEADERS];
  return PROXYLESS_SOURCES.flatMap((source) => [
    { source, headers },
    { source, has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
  ]);
}
