import { describe, expect, it } from "vitest";
import { checkBasePath, checkHost } from "./host";

const codes = (host: string, port = 443) => checkHost(host, port).findings.map((f) => f.code);

describe("customer host", () => {
  it("accepts a DNS name on 443 and normalizes case and the trailing dot", () => {
    expect(checkHost("API.Bank.Example.", 443)).toEqual({ host: "api.bank.example", findings: [] });
  });
  it("notes 8443 as allowed but not preferred", () => {
    expect(codes("api.bank.example", 8443)).toEqual(["PORT_8443"]);
  });
  it.each([
    ["", "HOST_EMPTY"],
    ["https://api.bank.example", "HOST_HAS_SCHEME"],
    ["api.bank.example/v1", "HOST_HAS_PATH"],
    ["203.0.113.10", "HOST_IS_IP"],
    ["2001:db8::1", "HOST_IS_IP"],
    ["[2001:db8::1]", "HOST_IS_IP"],
    ["localhost", "HOST_INVALID"],
    ["bad_host.example", "HOST_INVALID"],
    ["-bad.example", "HOST_INVALID"],
    ["*.bank.example", "HOST_WILDCARD"],
  ])("refuses %j (%s)", (host, code) => {
    expect(codes(host)).toContain(code);
  });
  it("refuses other ports", () => {
    expect(codes("api.bank.example", 8080)).toEqual(["PORT_NOT_ALLOWED"]);
  });
});

describe("checkBasePath", () => {
  it("defaults to / and accepts a path", () => {
    expect(checkBasePath("  ")).toEqual({ basePath: "/", findings: [] });
    expect(checkBasePath("/api/v1")).toEqual({ basePath: "/api/v1", findings: [] });
  });
  it("refuses a relative path, spaces, a query or a fragment", () => {
    for (const raw of ["api", "/a b", "/a?x=1", "/a#b"]) {
      expect(checkBasePath(raw).findings.map((f) => [f.code, f.severity])).toEqual([["BASE_PATH_INVALID", "error"]]);
    }
  });
});
