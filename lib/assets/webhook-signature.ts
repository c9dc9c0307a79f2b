import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret, sent as
 * `X-Portal-Signature: t=<unix seconds>,v1=<hex>`. Signing the timestamp with the body lets a receiver refuse
 * replays older than its tolerance; the event id (`X-Portal-Event-Id`, and `id` in the body) makes
 * redeliveries idempotent.
 */
export const SIGNATURE_HEADER = "x-portal-signature";
export const EVENT_ID_HEADER = "x-portal-event-id";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: recompute, compare in constant time, refuse stale timestamps. */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
