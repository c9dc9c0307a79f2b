import { describe, expect, it } from "vitest";
import type { GeneralName } from "./general-names";
import { certificateMatchesHost, ipBytes, parseHostReference } from "./host-names";

const dns = (...names: string[]): GeneralName[] => names.map((text) => ({ type: "dns", text }));
const ip = (text: string): GeneralName => ({ type: "ip", text: "", bytes: ipBytes(text)! });

describe("RFC 6125 host matching", () => {
  it("matches DNS names case-insensitively, ignoring a trailing dot", () => {
    expect(certificateMatchesHost(dns("Api.Example.COM"), "api.example.com.")).toBe(true);
    expect(certificateMatchesHost(dns("api.example.com"), "www.example.com")).toBe(false);
  });

  it("wildcards: whole left-most label only, exactly one label, never over a public suffix", () => {
    expect(certificateMatchesHost(dns("*.example.com"), "a.example.com")).toBe(true);
    expect(certificateMatchesHost(dns("*.example.com"), "example.com")).toBe(false);
    expect(certificateMatchesHost(dns("*.example.com"), "a.b.example.com")).toBe(false);
    expect(certificateMatchesHost(dns("a*.example.com"), "ab.example.com")).toBe(false);
    expect(certificateMatchesHost(dns("foo.*.example.com"), "foo.bar.example.com")).toBe(false);
    for (const w of ["*", "*.com", "*.co.uk", "*.s3.amazonaws.com"])
      expect(certificateMatchesHost(dns(w), `x.${w.slice(2) || "com"}`), w).toBe(false);
  });

  it("IP references match iPAddress entries only, IPv6 in any notation", () => {
    expect(certificateMatchesHost([ip("192.0.2.1")], "192.0.2.1")).toBe(true);
    expect(certificateMatchesHost(dns("192.0.2.1"), "192.0.2.1")).toBe(false);
    expect(certificateMatchesHost([ip("2001:db8::1")], "[2001:0db8:0:0:0:0:0:1]")).toBe(true);
    expect(certificateMatchesHost([ip("::ffff:192.0.2.1")], "::ffff:c000:201")).toBe(true);
  });

  it("refuses references that are neither names nor addresses", () => {
    for (const h of ["", "a b", "-a.example", "a_b.example", "*.example.com"])
      expect(parseHostReference(h).kind, h).toBe("invalid");
    expect(certificateMatchesHost(dns("a_b.example"), "a_b.example")).toBe(false);
  });
});
