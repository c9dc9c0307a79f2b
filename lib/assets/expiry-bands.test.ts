import { describe, expect, it } from "vitest";
import { expiryBand } from "./expiry-bands";

const now = new Date("2026-12-01T00:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe("expiryBand", () => {
  it("puts each certificate in the first band it is within", () => {
    expect(expiryBand(inDays(-3), now)).toBe("expired");
    expect(expiryBand(now, now)).toBe("expired");
    expect(expiryBand(inDays(0.5), now)).toBe("1d");
    expect(expiryBand(inDays(1), now)).toBe("1d");
    expect(expiryBand(inDays(1.01), now)).toBe("7d");
    expect(expiryBand(inDays(14), now)).toBe("14d");
    expect(expiryBand(inDays(29), now)).toBe("30d");
    expect(expiryBand(inDays(61), now)).toBe("90d");
    expect(expiryBand(inDays(5 * 365), now)).toBe("later");
  });
});
