import { describe, expect, it } from "vitest";
import type { GeneralName, NameConstraints } from "./general-names";
import { ipBytes } from "./host-names";
import { checkConstraints } from "./name-constraints";
import type { ParsedCertificate } from "./parse-certificate";

/** A certificate stand-in carrying only what the constraint check reads. */
const cert = (names: GeneralName[], rdns: { type: string; oid: string; value: string }[][] = []) =>
  ({
    ext: { generalNames: names, malformed: [] },
    summary: { subject: { rdns, rfc4514: "" } },
  }) as unknown as ParsedCertificate;
const ca = cert([], [[{ type: "CN", oid: "2.5.4.3", value: "CA" }]]);
const nc = (permitted: GeneralName[], excluded: GeneralName[] = []): NameConstraints => ({
  critical: true,
  permitted,
  excluded,
  empty: false,
});
const ok = (c: NameConstraints, names: GeneralName[], rdns: Parameters<typeof cert>[1] = []) =>
  checkConstraints(ca, c, cert(names, rdns), { left: 1e6 }).length === 0;
const dns = (text: string): GeneralName => ({ type: "dns", text });
const email = (text: string): GeneralName => ({ type: "email", text });
const uri = (text: string): GeneralName => ({ type: "uri", text });
const cidr = (addr: string, mask: string): GeneralName => ({
  type: "ip",
  text: "",
  bytes: Uint8Array.from([...ipBytes(addr)!, ...ipBytes(mask)!]),
});
const CN = (v: string) => [[{ type: "CN", oid: "2.5.4.3", value: v }]];
const O = (v: string) => [{ type: "O", oid: "2.5.4.10", value: v }];

describe("name constraints (RFC 5280 §4.2.1.10)", () => {
  it("DNS: a constraint covers the name and its subdomains, label-wise and case-insensitively", () => {
    expect(ok(nc([dns("example.com")]), [dns("API.example.com")])).toBe(true);
    expect(ok(nc([dns("example.com")]), [dns("badexample.com")])).toBe(false);
    expect(ok(nc([], [dns("bad.example.com")]), [dns("x.bad.example.com")])).toBe(false);
    expect(ok(nc([dns("example.com")], [dns("example.com")]), [dns("example.com")])).toBe(false);
  });

  it("a wildcard SAN counts as every name it stands for (CVE-2025-61727)", () => {
    expect(ok(nc([], [dns("bar.example.com")]), [dns("*.example.com")])).toBe(false);
    expect(ok(nc([dns("foo.example.com")]), [dns("*.example.com")])).toBe(false);
    expect(ok(nc([dns("example.com")]), [dns("*.example.com")])).toBe(true);
    expect(ok(nc([], [dns("x.bar.example.com")]), [dns("*.example.com")])).toBe(true);
  });

  it("IP: address within the CIDR of the same family", () => {
    expect(ok(nc([cidr("192.0.2.0", "255.255.255.0")]), [{ type: "ip", text: "", bytes: ipBytes("192.0.2.9")! }])).toBe(
      true,
    );
    expect(ok(nc([cidr("192.0.2.0", "255.255.255.0")]), [{ type: "ip", text: "", bytes: ipBytes("192.0.3.9")! }])).toBe(
      false,
    );
    expect(ok(nc([cidr("2001:db8::", "ffff:ffff::")]), [{ type: "ip", text: "", bytes: ipBytes("192.0.2.9")! }])).toBe(
      false,
    );
  });

  it("e-mail: a mailbox, a host, or (leading dot) any subdomain; local parts are literal", () => {
    expect(ok(nc([email("*@example.com")]), [email("*@example.com")])).toBe(true);
    expect(ok(nc([email("*@example.com")]), [email("a@example.com")])).toBe(false);
    expect(ok(nc([email("example.com")]), [email("a@EXAMPLE.com")])).toBe(true);
    expect(ok(nc([email(".example.com")]), [email("a@example.com")])).toBe(false);
    expect(ok(nc([email(".example.com")]), [email("a@mail.example.com")])).toBe(true);
    expect(ok(nc([email("example.com")]), [email("no-at-sign")])).toBe(false);
  });

  it("URI: the host, exact or (leading dot) a subdomain; a URI without host fails", () => {
    expect(ok(nc([uri("example.com")]), [uri("https://example.com/x")])).toBe(true);
    expect(ok(nc([uri(".example.com")]), [uri("https://a.example.com:8443/")])).toBe(true);
    expect(ok(nc([uri("example.com")]), [uri("urn:x:y")])).toBe(false);
  });

  it("directory names apply to the subject: the constraint is a prefix of its RDNs", () => {
    const permitted: GeneralName = { type: "dirName", text: "", rdns: [O("Acme")] };
    expect(ok(nc([permitted]), [], [O("acme"), ...CN("api")])).toBe(true);
    expect(ok(nc([permitted]), [], [O("Other"), ...CN("api")])).toBe(false);
    expect(ok(nc([], [permitted]), [], [O("Acme"), ...CN("api")])).toBe(false);
  });

  it("types the portal cannot evaluate fail closed when constrained; the work is bounded", () => {
    const other: GeneralName = { type: "otherName", text: "1.2.3" };
    expect(checkConstraints(ca, nc([], [other]), cert([other]), { left: 1e6 }).map((f) => f.code)).toEqual([
      "NAME_CONSTRAINTS_UNSUPPORTED",
    ]);
    expect(
      checkConstraints(ca, nc([dns("example.com")]), cert([dns("a.example.com")]), { left: 0 }).map((f) => f.code),
    ).toEqual(["NAME_CONSTRAINTS_TOO_COMPLEX"]);
  });
});
