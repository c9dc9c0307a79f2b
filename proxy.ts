import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_SESSION_POLICY, sessionVerdict } from "@/lib/assets/session-policy";
import { HSTS, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers.mjs";
import { MALFORMED_TARGET, wellFormedTarget } from "@/lib/http/request-target.mjs";
import { decodeSessionToken as decode, encodeSessionToken as encode } from "@/lib/server/auth/session-token";

/**
 * Security headers on every response, with a fresh CSP nonce per request: Next reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts, so no inline script runs
 * without it (no 'unsafe-inline' for scripts). Styles keep 'unsafe-inline' for React style attributes.
 * Authorization is not done here: services check every request themselves. Pages (and next-auth's routes)
 * only: the bearer-token API gets the same headers from next.config.js (lib/http/security-headers.mjs).
 */
export async function proxy(request: NextRequest) {
  if (!wellFormedTarget(request.nextUrl.pathname + request.nextUrl.search))
    return NextResponse.json(MALFORMED_TARGET, { status: 400 });
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
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });
  const response = (await sessionResponse(request, next)) ?? next();
  response.headers.set("Content-Security-Policy", csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  // HSTS only where the portal is reached over HTTPS (directly or through a proxy that says so).
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set(HSTS.key, HSTS.value);
  return response;
}

/**
 * Session idle timeout (stateless tokens cannot be touched from server components): a session past its idle
 * or absolute limit loses its cookie (pages go to the sign-in page, saying why); an active one gets its
 * activity mark moved forward, at most once a minute. The session callback applies the same verdict.
 */
async function sessionResponse(request: NextRequest, next: () => NextResponse): Promise<NextResponse | undefined> {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  const raw = request.cookies.get(name)?.value;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return undefined;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token) return undefined;
  const now = Math.floor(Date.now() / 1000);
  const verdict = sessionVerdict(token as Record<string, unknown>, now);
  if (verdict === "valid") return undefined;
  const page =
    request.method === "GET" &&
    (request.headers.get("accept") ?? "").includes("text/html") &&
    !request.nextUrl.pathname.startsWith("/login");
  if (verdict === "idle" || verdict === "expired") {
    const response = page ? NextResponse.redirect(new URL(`/login?ended=${verdict}`, request.url)) : next();
    response.cookies.delete(name);
    return response;
  }
  const remaining = Number(token.signedInAt) + DEFAULT_SESSION_POLICY.absoluteSeconds - now;
  const response = next();
  response.cookies.set(name, await encode({ token: { ...token, lastActivity: now }, secret, maxAge: remaining }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: remaining,
  });
  return response;
}

// Not for static files, nor for the paths of PROXYLESS_SOURCES (lib/http/security-headers.mjs). Next needs
// a literal here.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/v1(?:/|$)|api/health(?:/|$)|api/metrics$).*)" }],
};
