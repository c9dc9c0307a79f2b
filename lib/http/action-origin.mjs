// A server action posted from another site (a CSRF attempt) is refused here with a 403, before Next: Next refuses
// it too, but answers a 500 ("Invalid Server Actions request"), and hostile input never gets a 500. The rule is
// Next's own (app-render/action-handler.js): the Origin's host must equal the first X-Forwarded-Host, else Host;
// no Origin at all is let through to Next as it does (a hand-made request carries no one else's cookies).
// next.config.js sets no serverActions.allowedOrigins, so no other origin is allowed.

/**
 * The refusal, if any, of a request carrying a server action (`Next-Action` header) outside /api/v1.
 * @param {string | undefined} method
 * @param {string} pathname
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @returns {{ status: number; body: { error: string; message: string } } | undefined}
 */
export function crossOriginActionRefusal(method, pathname, headers) {
  if (method !== "POST" || headers["next-action"] === undefined) return undefined;
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return undefined;
  const origin = headers.origin;
  if (typeof origin !== "string") return undefined;
  const forwarded = headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim()) || headers.host;
  if (host && originHost(origin) === host) return undefined;
  return {
    status: 403,
    body: { error: "FORBIDDEN", message: "A form posted from another site is refused." },
  };
}

/** The Origin header's host as Next reads it ("null" stays "null"); undefined when it is not a URL. */
function originHost(origin) {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
