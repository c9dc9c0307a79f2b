// One rule for the URL of a request, used where a request first arrives: scripts/serve.mjs (every path under
// `npm start`) and proxy.ts (pages under a bare `next start`/`next dev`, where serve.mjs is not in front).

/**
 * Malformed percent-encoding or a NUL anywhere in the URL is a client error, answered before routing: Next would
 * fail decoding it, and PostgreSQL refuses NUL in text.
 */
export function wellFormedTarget(target) {
  try {
    return !decodeURIComponent(target).includes("\u0000");
  } catch {
    return false;
  }
}

/** The JSON body of the 400 that answers a malformed URL. */
export const MALFORMED_TARGET = { error: "INVALID_INPUT", message: "The URL is not valid." };
