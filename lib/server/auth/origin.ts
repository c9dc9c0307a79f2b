import "server-only";
import type { RequestOrigin } from "../actor";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function read(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client address and agent of a request, for throttling and the audit trail. The first
 * X-Forwarded-For hop is used: run the portal behind a proxy that sets it (README, "Deployment").
 */
export function originFromHeaders(headers: HeaderSource): RequestOrigin {
  const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || read(headers, "x-real-ip") || undefined;
  return { ip, userAgent: read(headers, "user-agent") };
}
