import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_POLICY, sessionVerdict } from "./session-policy";

const now = 1_800_000_000;
describe("session policy", () => {
  it("keeps a fresh session and asks for a refresh of the activity mark after a minute", () => {
    expect(sessionVerdict({ signedInAt: now - 10, lastActivity: now - 10 }, now)).toBe("valid");
    expect(sessionVerdict({ signedInAt: now - 600, lastActivity: now - 61 }, now)).toBe("refresh");
  });
  it("ends a session idle for more than 30 minutes, however young", () => {
    expect(sessionVerdict({ signedInAt: now - 1801, lastActivity: now - 1801 }, now)).toBe("idle");
    expect(sessionVerdict({ signedInAt: now - 1800, lastActivity: now - 1800 }, now)).toBe("refresh");
  });
  it("ends any session after 8 hours, however active", () => {
    expect(
      sessionVerdict({ signedInAt: now - DEFAULT_SESSION_POLICY.absoluteSeconds - 1, lastActivity: now }, now),
    ).toBe("expired");
  });
  it("treats a token without its marks as expired", () => {
    expect(sessionVerdict({}, now)).toBe("expired");
    expect(sessionVerdict({ signedInAt: "yesterday" }, now)).toBe("expired");
  });
});
