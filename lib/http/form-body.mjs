// One rule for the size of a request body outside the bearer-token API, used where a request first arrives
// (scripts/serve.mjs), and the limit next.config.js gives Next's server actions.

/** What a form post may carry (a server action's upload or paste, a sign-in): Next's serverActions.bodySizeLimit. */
export const FORM_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The refusal, if any, of a request body outside /api/v1 (which reads and limits its own bodies, streamed ones
 * included: lib/server/api/http.ts). Past its limit, Next answers a server action with a 500 after reading the
 * body that far; a browser always declares the length of what it posts, so a body without a length (chunked)
 * is asked for one (411) and one declared over the limit is refused (413) before Next reads any of it.
 */
export function formBodyRefusal(method, pathname, headers) {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return undefined;
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return undefined;
  const declared = headers["content-length"];
  if (declared === undefined) {
    if (headers["transfer-encoding"] === undefined) return undefined;
    return {
      status: 411,
      body: { error: "LENGTH_REQUIRED", message: "Send the request body with its Content-Length." },
    };
  }
  if (Number(declared) > FORM_BODY_LIMIT_BYTES)
    return {
      status: 413,
      body: { error: "PAYLOAD_TOO_LARGE", message: `Form posts are limited to ${FORM_BODY_LIMIT_BYTES} bytes.` },
    };
  return undefined;
}
