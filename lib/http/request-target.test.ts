import { describe, expect, it } from "vitest";
import { wellFormedTarget } from "./request-target.mjs";

describe("wellFormedTarget", () => {
  it("accepts ordinary and percent-encoded URLs", () => {
    for (const target of ["/", "/connections/abc?tab=assets", "/api/v1/check", "/search?q=CN%3DACME%20PPR", "/%C3%A9"])
      expect(wellFormedTarget(target), target).toBe(true);
  });

  it("refuses malformed percent-encoding and a NUL in the path or the query", () => {
    for (const target of ["/api/v1/connections/%ff/assets", "/%E0%A4%A", "/x%", "/a%00b", "/ok?q=%00", "/ok?q=%zz"])
      expect(wellFormedTarget(target), target).toBe(false);
  });
});
