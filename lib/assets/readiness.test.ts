import { describe, expect, it } from "vitest";
import { STATES } from "./lifecycle";
import { expiryFlag, lacksPublication, readiness, SETTLED_PUBLICATION_STATES } from "./readiness";

const now = new Date("2026-06-01T00:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 24 * 3600 * 1000);

describe("readiness", () => {
  it("starts a D1 connection with everything missing and the customer to act first", () => {
    const r = readiness("d1", "PPR", [], { now, trustStoreNeeded: false });
    expect(r.items.map((i) => i.kind)).toEqual([
      "CUSTOMER_CSR",
      "ISSUED_TLS_CLIENT_CERTIFICATE",
      "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      "CUSTOMER_TRUST_STORE",
      "ISSUER_HOST",
      "THALES_CLIENT_CA",
      "D1_SERVER_CA_BUNDLE",
      "D1_INBOUND_HOST",
    ]);
    expect(r).toMatchObject({ done: 0, required: 7, percent: 0 });
    expect(r.items.find((i) => i.kind === "CUSTOMER_CSR")).toMatchObject({ waitingOn: "customer", next: "Upload it." });
    expect(r.items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: false,
      waitingOn: "nobody",
    });
  });

  it("carries Thales' reason for a rejected newest version, also beside a version still in force", () => {
    const item = (current?: "ISSUED") =>
      readiness(
        "d1",
        "PPR",
        [
          {
            kind: "CUSTOMER_CSR",
            current: current ? { state: current } : undefined,
            latest: { state: "REJECTED", rejectionReason: "CN must end in D1.PPR" },
          },
        ],
        { now, trustStoreNeeded: false },
      ).items.find((i) => i.kind === "CUSTOMER_CSR");
    expect(item()).toMatchObject({ waitingOn: "customer", state: "REJECTED", reason: "CN must end in D1.PPR" });
    expect(item()!.next).toMatch(/upload again/);
    expect(item("ISSUED")).toMatchObject({ done: true, state: "ISSUED", reason: "CN must end in D1.PPR" });
  });

  it("follows a CSR through review, approval and issuing", () => {
    const csr = (latest: string, current?: string) =>
      readiness(
        "d1",
        "PRD",
        [
          {
            kind: "CUSTOMER_CSR",
            latest: { state: latest as never },
            current: current ? { state: current as never } : undefined,
          },
        ],
        { now, trustStoreNeeded: false },
      ).items[0];
    expect(csr("SUBMITTED")).toMatchObject({ waitingOn: "thales", done: false });
    expect(csr("IN_REVIEW")).toMatchObject({ waitingOn: "thales", next: "Waiting for a second Thales approver." });
    expect(csr("APPROVED", "APPROVED")).toMatchObject({ waitingOn: "thales", done: false });
    expect(csr("ISSUED", "ISSUED")).toMatchObject({ done: true });
    expect(csr("REJECTED")).toMatchObject({ waitingOn: "customer", done: false });
  });

  it("needs a trust store only when the chain is not Mozilla-anchored", () => {
    const r = readiness("tsh", "PPR", [], { now, trustStoreNeeded: true });
    expect(r.items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: true,
      waitingOn: "customer",
    });
    expect(r.required).toBe(7);
  });

  it("waits on the customer to acknowledge what Thales published", () => {
    const r = readiness("tsh", "PPR", [{ kind: "TSH_INBOUND_HOST", current: { state: "PUBLISHED" } }], {
      now,
      trustStoreNeeded: false,
    });
    expect(r.items.find((i) => i.kind === "TSH_INBOUND_HOST")).toMatchObject({ waitingOn: "customer", done: false });
    const acknowledged = readiness("tsh", "PPR", [{ kind: "TSH_INBOUND_HOST", current: { state: "ACKNOWLEDGED" } }], {
      now,
      trustStoreNeeded: false,
    });
    expect(acknowledged.done).toBe(1);
  });

  it("flags expiry at 90 and 30 days, and an expired asset is not done", () => {
    expect(expiryFlag(days(120), now)).toBeUndefined();
    expect(expiryFlag(days(90), now)).toBe("90-days");
    expect(expiryFlag(days(30), now)).toBe("30-days");
    expect(expiryFlag(days(-1), now)).toBe("expired");
    const r = readiness(
      "tsh",
      "PPR",
      [{ kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE", current: { state: "APPROVED", notAfter: days(-1) } }],
      { now, trustStoreNeeded: false },
    );
    expect(r.items.find((i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: false,
      expiry: "expired",
      waitingOn: "customer",
    });
  });

  it("lacks a Thales publication while nothing is in force, or what is in force expired, never while the customer acts", () => {
    const lacking = (snapshot?: Parameters<typeof readiness>[2][number]["current"]) =>
      readiness("tsh", "PPR", snapshot ? [{ kind: "TSH_INBOUND_HOST", current: snapshot }] : [], {
        now,
        trustStoreNeeded: false,
      })
        .items.filter(lacksPublication)
        .map((i) => i.kind);
    expect(lacking()).toContain("TSH_INBOUND_HOST");
    expect(lacking({ state: "PUBLISHED" })).not.toContain("TSH_INBOUND_HOST");
    expect(lacking({ state: "ACKNOWLEDGED" })).not.toContain("TSH_INBOUND_HOST");
    expect(lacking({ state: "ACKNOWLEDGED", notAfter: days(-1) })).toContain("TSH_INBOUND_HOST");
    // A customer's line waiting on Thales (a review) is not a publication Thales lacks.
    const inReview = readiness("tsh", "PPR", [{ kind: "ISSUER_HOST", latest: { state: "SUBMITTED" } }], {
      now,
      trustStoreNeeded: false,
    });
    expect(inReview.items.find((i) => i.kind === "ISSUER_HOST")).toMatchObject({ waitingOn: "thales" });
    expect(inReview.items.filter(lacksPublication).map((i) => i.kind)).not.toContain("ISSUER_HOST");
  });

  it("settles a Thales line exactly in the SETTLED_PUBLICATION_STATES, until it expires", () => {
    const lacks = (state: (typeof STATES)[number], notAfter?: Date) =>
      readiness("tsh", "PPR", [{ kind: "TSH_INBOUND_HOST", current: { state, notAfter } }], {
        now,
        trustStoreNeeded: false,
      }).items.some((i) => i.kind === "TSH_INBOUND_HOST" && lacksPublication(i));
    for (const state of STATES) {
      expect(lacks(state)).toBe(!(SETTLED_PUBLICATION_STATES as readonly string[]).includes(state));
      expect(lacks(state, days(-1))).toBe(true);
      expect(lacks(state, days(1))).toBe(lacks(state));
    }
  });
});
