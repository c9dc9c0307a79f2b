import "server-only";
import type { RequestOrigin } from "../actor";
import { clientAddress, parseTrustedProxies, type TrustedProxies } from "./client-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/**
 * The header in which scripts/serve.mjs (the portal's HTTP server around Next) passes the TCP peer address
 * to server code: Next itself only fills X-Forwarded-For with it when the client sent none, so without
 * this the socket address is lost. serve.mjs overwrites any copy a client sends, and says it is running
 * by setting PORTAL_PEER_HEADER; under a bare `next start` the header is not believed.
 */
export const PEER_HEADER = "x-portal-peer";

function read(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

let trustedCache: { source: string | undefined; list: TrustedProxies | null } | undefined;
function trustedProxies(): TrustedProxies | null {
  const source = process.env.PORTAL_TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.source !== source) trustedCache = { source, list: parseTrustedProxies(source) };
  return trustedCache.list;
}

/**
 * The client address and agent of a request, for throttling and the audit trail: the socket address,
 * or, when that is a proxy listed in PORTAL_TRUSTED_PROXIES, the address it forwarded (README, "Deployment").
 */
export function originFromHeaders(headers: HeaderSource): RequestOrigin {
  const peer = process.env.PORTAL_PEER_HEADER === PEER_HEADER ? read(headers, PEER_HEADER) : undefined;
  const ip = clientAddress(peer, read(headers, "x-forwarded-for"), trustedProxies());
  return { ip, userAgent: read(headers, "user-agent") };
}
