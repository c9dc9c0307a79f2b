import "server-only";
import { lookup as dnsLookup } from "node:dns";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { outboundRefusal, parseAllowList } from "@/lib/assets/outbound-address";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from "@/lib/assets/webhook-signature";

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/**
 * A DNS lookup that refuses private, loopback and link-local answers unless allowed, and hands the socket
 * only an address it checked: the name cannot resolve to a public address for the check and to an internal
 * one for the connection (DNS rebinding).
 */
function guardedLookup(allowCidrs: readonly string[]): LookupFunction {
  const allow = parseAllowList(allowCidrs);
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const reasons: string[] = [];
      const allowed = addresses.filter((a) => {
        const refusal = outboundRefusal(a.address, allow);
        if (refusal) reasons.push(refusal);
        return !refusal;
      });
      if (allowed.length === 0) {
        const refused = Object.assign(new Error(`refused: ${reasons.join("; ") || "no address"}`), {
          code: "EOUTBOUND",
        });
        return callback(refused, "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof allowed) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

export type WebhookRequest = {
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
  attempt: number;
  allow: readonly string[];
  ca?: string[];
};

/** POSTs one signed event; resolves with the HTTP status on 2xx, throws DeliveryError otherwise. Never follows redirects. */
export function sendWebhook(request: WebhookRequest): Promise<number> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new DeliveryError("not a URL"));
  }
  if (url.protocol !== "https:") return Promise.reject(new DeliveryError("webhooks are HTTPS only"));
  // The signature's timestamp is wall-clock time: it is checked against the receiver's clock.
  const timestamp = Math.floor(Date.now() / 1000);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  // Node skips the lookup for an IP literal: judge it here.
  const literalRefusal = isIP(hostname) ? outboundRefusal(hostname, parseAllowList(request.allow)) : undefined;
  if (literalRefusal) return Promise.reject(new DeliveryError(`refused: ${literalRefusal}`));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        lookup: guardedLookup(request.allow),
        ca: request.ca,
        timeout: 10_000,
        headers: {
          "content-type": "application/json",
          "user-agent": "tls-onboarding-portal-webhook/1",
          [EVENT_ID_HEADER]: request.eventId,
          "x-portal-event-type": request.eventType,
          "x-portal-timestamp": String(timestamp),
          "x-portal-delivery-attempt": String(request.attempt),
          [SIGNATURE_HEADER]: signWebhook(request.secret, timestamp, request.body),
          "content-length": Buffer.byteLength(request.body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(new DeliveryError(`HTTP ${status}`, status));
        });
      },
    );
    req.on("timeout", () => req.destroy(new DeliveryError("timed out after 10 s")));
    req.on("error", (error) =>
      reject(error instanceof DeliveryError ? error : new DeliveryError(error.message.slice(0, 300))),
    );
    req.end(request.body);
  });
}
