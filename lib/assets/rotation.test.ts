import { describe, expect, it } from "vitest";
import { KINDS } from "./kinds";
import { cutOverProblem, overlappingKind, retirementTime } from "./rotation";

const now = new Date("2026-06-01T00:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("renewal with overlap", () => {
  it("overlaps certificates (a CSR through the certificate issued from it), replaces hosts at once", () => {
    expect(overlappingKind(KINDS.ISSUED_TLS_CLIENT_CERTIFICATE)).toBe("ISSUED_TLS_CLIENT_CERTIFICATE");
    expect(overlappingKind(KINDS.CUSTOMER_CSR)).toBe("ISSUED_TLS_CLIENT_CERTIFICATE");
    expect(overlappingKind(KINDS.CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN)).toBe("CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN");
    expect(overlappingKind(KINDS.CUSTOMER_TRUST_STORE)).toBe("CUSTOMER_TRUST_STORE");
    expect(overlappingKind(KINDS.CUSTOMER_TLS_CLIENT_CERTIFICATE)).toBe("CUSTOMER_TLS_CLIENT_CERTIFICATE");
    expect(overlappingKind(KINDS.ISSUER_HOST)).toBeUndefined();
  });

  it("retires the old version at the chosen cut-over, by default at its expiry, never after it", () => {
    expect(retirementTime({ cutOverAt: null, oldNotAfter: days(40), now })).toEqual(days(40));
    expect(retirementTime({ cutOverAt: days(10), oldNotAfter: days(40), now })).toEqual(days(10));
    expect(retirementTime({ cutOverAt: days(90), oldNotAfter: days(40), now })).toEqual(days(40));
    expect(retirementTime({ cutOverAt: days(10), oldNotAfter: null, now })).toEqual(days(10));
  });

  it("retires at once when the time has passed or there is no date", () => {
    expect(retirementTime({ cutOverAt: null, oldNotAfter: null, now })).toBeUndefined();
    expect(retirementTime({ cutOverAt: days(-1), oldNotAfter: days(40), now })).toBeUndefined();
    expect(retirementTime({ cutOverAt: null, oldNotAfter: days(-3), now })).toBeUndefined();
    expect(retirementTime({ cutOverAt: now, oldNotAfter: days(40), now })).toBeUndefined();
  });

  it("takes a cut-over from now on (a minute of clock skew allowed), refuses the past and invalid dates", () => {
    expect(cutOverProblem(days(1), now)).toBeUndefined();
    expect(cutOverProblem(new Date(now.getTime() - 30_000), now)).toBeUndefined();
    expect(cutOverProblem(days(-1), now)).toBe("The cut-over must be now or later.");
    expect(cutOverProblem(new Date("nope"), now)).toBe("The cut-over is not a valid date.");
  });
});
