import { describe, expect, it } from "vitest";
import { crossOriginActionRefusal } from "./action-origin.mjs";

const action = { "next-action": "7f00", host: "portal.example:3000" };

/** Next's own CSRF rule for server actions, answered 403 instead of Next's 500. */
describe("a server action from another site", () => {
  it("is refused when its Origin is another host, an opaque origin or not a URL", () => {
    for (const origin of ["https://attacker.example", "null", "not a url", "https://portal.example:4000"])
      expect(
        crossOriginActionRefusal("POST", "/connections/c1/upload/CUSTOMER_CSR", { ...action, origin }),
        origin,
      ).toMatchObject({ status: 403, body: { error: "FORBIDDEN" } });
  });

  it("passes from the portal's own origin, by Host or by the first X-Forwarded-Host", () => {
    expect(crossOriginActionRefusal("POST", "/", { ...action, origin: "http://portal.example:3000" })).toBeUndefined();
    const proxied = { ...action, host: "127.0.0.1:3000", "x-forwarded-host": "portal.bank.example, inner" };
    expect(
      crossOriginActionRefusal("POST", "/", { ...proxied, origin: "https://portal.bank.example" }),
    ).toBeUndefined();
    expect(crossOriginActionRefusal("POST", "/", { ...proxied, origin: "https://inner" })).toMatchObject({
      status: 403,
    });
  });

  it("leaves to Next what is not a cross-site action: no Origin, no Next-Action, other methods, the API", () => {
    expect(crossOriginActionRefusal("POST", "/", action)).toBeUndefined();
    expect(
      crossOriginActionRefusal("POST", "/", { host: "portal.example:3000", origin: "https://x.example" }),
    ).toBeUndefined();
    expect(crossOriginActionRefusal("GET", "/", { ...action, origin: "https://x.example" })).toBeUndefined();
    expect(
      crossOriginActionRefusal("POST", "/api/v1/check", { ...action, origin: "https://x.example" }),
    ).toBeUndefined();
  });
});
