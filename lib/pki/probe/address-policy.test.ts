import { describe, expect, it } from "vitest";
import { parseAllowList, refusedAddress } from "./address-policy";

describe("probe address policy", () => {
  it("refuses private, loopback, link-local, metadata, CGNAT, multicast and mapped forms by default", () => {
    for (const a of [
      "10.1.2.3",
      "127.0.0.1",
      "169.254.169.254",
      "172.20.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "224.0.0.1",
      "0.0.0.0",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.0.0.1",
    ]) {
      expect(refusedAddress(a), a).toBeDefined();
    }
    expect(refusedAddress("169.254.169.254")).toMatch(/metadata/);
    expect(refusedAddress("100.64.0.1")).toBe("CGNAT");
  });

  it("allows public addresses, and listed CIDRs", () => {
    for (const a of ["8.8.8.8", "2a00:1450:4007:80e::200e", "52.95.110.1"])
      expect(refusedAddress(a), a).toBeUndefined();
    const allow = parseAllowList("127.0.0.0/8, ::1/128");
    expect(refusedAddress("127.0.0.1", allow)).toBeUndefined();
    expect(refusedAddress("::1", allow)).toBeUndefined();
    expect(refusedAddress("::ffff:127.0.0.1", allow)).toBeUndefined();
    expect(refusedAddress("10.0.0.1", allow)).toBe("private");
  });

  it("rejects a malformed allow list instead of ignoring it", () => {
    expect(() => parseAllowList("127.0.0.1/33")).toThrow(/not a CIDR/);
    expect(() => parseAllowList("localhost")).toThrow(/not a CIDR/);
    expect(parseAllowList("")).toBeUndefined();
  });
});
