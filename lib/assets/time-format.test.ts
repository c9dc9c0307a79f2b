import { describe, expect, it } from "vitest";
import { formatUtc, formatWhen, relativeTime } from "./time-format";

const now = new Date("2026-12-05T17:00:00Z");

describe("one date format", () => {
  it("prints UTC to the minute, from a Date or a stored ISO string", () => {
    expect(formatUtc(new Date("2027-12-01T19:39:38.000Z"))).toBe("2027-12-01 19:39 UTC");
    expect(formatUtc("2027-12-01T19:39:38.000Z")).toBe("2027-12-01 19:39 UTC");
    expect(formatUtc("not a date")).toBe("not a date");
  });

  it("says how far from now, in the largest whole unit", () => {
    expect(relativeTime(new Date("2027-11-01T19:39:00Z"), now)).toBe("in 11 months");
    expect(relativeTime(new Date("2026-12-02T17:00:00Z"), now)).toBe("3 days ago");
    expect(relativeTime(new Date("2026-12-05T17:00:20Z"), now)).toBe("now");
    expect(relativeTime(new Date("2026-12-05T17:45:00Z"), now)).toBe("in 45 minutes");
    expect(relativeTime(new Date("2026-12-06T17:00:00Z"), now)).toBe("tomorrow");
    expect(relativeTime(new Date("2029-12-05T17:00:00Z"), now)).toBe("in 3 years");
    expect(formatWhen("2027-12-01T19:39:38.000Z", now)).toBe("2027-12-01 19:39 UTC (in 12 months)");
  });
});
