import { describe, expect, it } from "vitest";
import {
  EVENT_CODES,
  NOTIFICATION_EVENTS,
  TOPICS,
  eventsFor,
  isMandatoryEmail,
  renderEvent,
  type EventPayload,
} from "./notification-events";
import { renderEmail } from "./notification-email";
import { signWebhook, verifyWebhook } from "./webhook-signature";
import { outboundRefusal, parseAllowList } from "./outbound-address";
import { MAX_ATTEMPTS, backoffMs, nextAttempt } from "./delivery-policy";

const payload: EventPayload = {
  organizationName: "Acme Bank",
  environment: "PRD",
  identifier: "ACME01",
  connectionId: "c1",
  kind: "CUSTOMER_CSR",
  versionId: "v1",
  seq: 3,
  reason: "<b>wrong O</b>",
};

describe("notification catalogue", () => {
  it("gives every event a known topic, an audience and a link to act on, for each side that receives it", () => {
    for (const code of EVENT_CODES) {
      const info = NOTIFICATION_EVENTS[code];
      expect(Object.keys(TOPICS)).toContain(info.topic);
      for (const side of ["CUSTOMER", "THALES"] as const) {
        if (!eventsFor(side).includes(code)) continue;
        const rendered = renderEvent(code, payload, side);
        expect(rendered.subject.startsWith("[PRD] ACME01 · "), code).toBe(true);
        expect(rendered.link.startsWith("/"), code).toBe(true);
        expect(rendered.action.length, code).toBeGreaterThan(5);
      }
    }
  });
  it("sends customer-facing events to customers and Thales-facing ones to Thales", () => {
    expect(eventsFor("CUSTOMER")).toContain("version.rejected");
    expect(eventsFor("CUSTOMER")).not.toContain("version.submitted");
    expect(eventsFor("THALES")).toContain("version.submitted");
    expect(eventsFor("THALES")).toContain("certificate.expiring");
  });
  it("makes PRD expiry mandatory by e-mail, not PPR expiry nor other topics", () => {
    expect(isMandatoryEmail("certificate.expiring", { environment: "PRD" })).toBe(true);
    expect(isMandatoryEmail("certificate.expiring", { environment: "PPR" })).toBe(false);
    expect(isMandatoryEmail("version.rejected", { environment: "PRD" })).toBe(false);
  });
  it("words expiry by threshold and points the customer at the renewal upload", () => {
    const expiring = {
      ...payload,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" as const,
      threshold: 30 as const,
      notAfter: "2027-01-31T00:00:00.000Z",
    };
    const customer = renderEvent("certificate.expiring", expiring, "CUSTOMER");
    expect(customer.subject).toBe("[PRD] ACME01 · Server certificate chain expires in 30 days");
    expect(customer.link).toBe("/connections/c1/upload/CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN");
    expect(renderEvent("certificate.expiring", { ...expiring, threshold: "expired" }, "THALES").subject).toContain(
      "expired",
    );
  });
  it("escapes HTML in e-mails and links to the public URL", () => {
    const email = renderEmail("version.rejected", payload, "CUSTOMER", "https://portal.example");
    expect(email.html).toContain("&lt;b&gt;wrong O&lt;/b&gt;");
    expect(email.html).not.toContain("<b>wrong");
    expect(email.text).toContain("https://portal.example/connections/c1/upload/CUSTOMER_CSR");
  });
});

describe("webhook signature", () => {
  it("verifies its own signature, refuses another secret, a changed body and a stale timestamp", () => {
    const header = signWebhook("s3cret", 1_800_000_000, '{"id":"e1"}');
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook("s3cret", header, '{"id":"e1"}', 1_800_000_100)).toBe(true);
    expect(verifyWebhook("other", header, '{"id":"e1"}', 1_800_000_100)).toBe(false);
    expect(verifyWebhook("s3cret", header, '{"id":"e2"}', 1_800_000_100)).toBe(false);
    expect(verifyWebhook("s3cret", header, '{"id":"e1"}', 1_800_001_000)).toBe(false);
  });
});

describe("outbound address guard", () => {
  const none = parseAllowList([]);
  it("refuses private, loopback, link-local and mapped addresses; allows public ones", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
    ]) {
      expect(outboundRefusal(address, none), address).toBeDefined();
    }
    for (const address of ["93.184.216.34", "2606:4700::1111"])
      expect(outboundRefusal(address, none), address).toBeUndefined();
  });
  it("allows exactly the listed CIDRs and refuses a malformed list", () => {
    const allow = parseAllowList(["127.0.0.0/8", "10.20.0.0/16"]);
    expect(outboundRefusal("127.0.0.1", allow)).toBeUndefined();
    expect(outboundRefusal("10.20.9.9", allow)).toBeUndefined();
    expect(outboundRefusal("10.21.0.1", allow)).toBeDefined();
    expect(() => parseAllowList(["10.0.0.0"])).toThrow(/CIDR/);
  });
});

describe("delivery policy", () => {
  it("backs off exponentially from a minute, capped, and gives up after MAX_ATTEMPTS", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(6 * 3_600_000);
    const now = new Date(0);
    expect(nextAttempt(now, 1)?.getTime()).toBe(60_000);
    expect(nextAttempt(now, MAX_ATTEMPTS)).toBeUndefined();
  });
});
