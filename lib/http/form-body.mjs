// Request-body limits: the rule for bodies outside the bearer-token API, applied where a request first arrives
// (scripts/serve.mjs), the limit next.config.js gives Next's server actions, and how much of a refused body is read.

/**
 * Past this, a refused body (too large, or not wanted) is cut off and the client sees a reset; below it, the body is
 * read and dropped so a client still sending receives the refusal. Shared by serve.mjs and the API's readJson.
 */
export const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

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
