import { describe, expect, it } from "vitest";
import { EXPIRY_THRESHOLDS, reachedThreshold } from "./expiry-thresholds";

const now = new Date("2026-06-01T00:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe("expiry thresholds", () => {
  it("are 90/60/30/14/7/1 days and expired, most distant first", () => {
    expect(EXPIRY_THRESHOLDS.map((t) => t.days)).toEqual([90, 60, 30, 14, 7, 1, 0]);
  });
  it("give the most urgent threshold reached, nothing before 90 days", () => {
    expect(reachedThreshold(inDays(91), now)).toBeUndefined();
    expect(reachedThreshold(inDays(90), now)?.code).toBe("D90");
    expect(reachedThreshold(inDays(20), now)?.code).toBe("D30");
    expect(reachedThreshold(inDays(14), now)?.code).toBe("D14");
    expect(reachedThreshold(inDays(6.5), now)?.code).toBe("D7");
    expect(reachedThreshold(inDays(0.5), now)?.code).toBe("D1");
    expect(reachedThreshold(inDays(0), now)?.code).toBe("EXPIRED");
    expect(reachedThreshold(inDays(-400), now)?.code).toBe("EXPIRED");
  });
});
