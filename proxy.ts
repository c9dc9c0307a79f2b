import { NextResponse, type NextRequest } from "next/server";

/**
 * Security headers on every response, with a fresh CSP nonce per request: Next reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts, so no inline script runs
 * without it (no 'unsafe-inline' for scripts). Styles keep 'unsafe-inline' for React style attributes.
 * Authorization is not done here: services check every request themselves.
 */
export function proxy(request: NextRequest) {
  // Malformed percent-encoding or a NUL anywhere in the URL is a client error, answered before routing
  // (Next would fail decoding it, and PostgreSQL refuses NUL in text).
  try {
    const decoded = decodeURIComponent(request.nextUrl.pathname) + decodeURIComponent(request.nextUrl.search);
    if (decoded.includes("\u0000")) throw new Error("NUL");
  } catch {
    return NextResponse.json({ error: "INVALID_INPUT", message: "The URL is not valid." }, { status: 400 });
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  // HSTS only where the portal is reached over HTTPS (directly or through a proxy that says so).
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
