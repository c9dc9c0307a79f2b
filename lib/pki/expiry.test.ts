import { describe, expect, it } from "vitest";
import { BOARD_EXPIRY_DAYS, DAY_MS, EXPIRES_SOON_DAYS, EXPIRY_THRESHOLDS, expiryStage } from "./expiry";

const now = new Date("2026-06-01T00:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);

describe("expiry thresholds", () => {
  it("are 90/60/30/14/7/1 days, the board flags 90 and 30, the checker warns under 30", () => {
    expect(EXPIRY_THRESHOLDS.map((t) => t.days)).toEqual([90, 60, 30, 14, 7, 1]);
    expect(BOARD_EXPIRY_DAYS).toEqual([90, 30]);
    expect(EXPIRES_SOON_DAYS).toBe(30);
  });

  it("gives the smallest threshold the time left is within, bounds inclusive", () => {
    expect(expiryStage(inDays(91), now)).toBeUndefined();
    expect(expiryStage(inDays(90), now)).toBe(90);
    expect(expiryStage(inDays(61), now)).toBe(90);
    expect(expiryStage(inDays(45), now)).toBe(60);
    expect(expiryStage(inDays(1), now)).toBe(1);
    expect(expiryStage(inDays(0), now)).toBe(1);
    expect(expiryStage(new Date(now.getTime() - 1), now)).toBe("expired");
    expect(expiryStage(inDays(45), now, BOARD_EXPIRY_DAYS)).toBe(90);
    expect(expiryStage(inDays(12), now, BOARD_EXPIRY_DAYS)).toBe(30);
  });
});
