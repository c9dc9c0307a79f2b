/**
 * Which addresses the endpoint probe may connect to (SSRF safety). Refused unless allow-listed: the ranges below,
 * from the IANA special-purpose registries (RFC 6890): private, loopback, link-local (and so cloud metadata
 * 169.254.169.254 / fd00:ec2::254), CGNAT, multicast, reserved, documentation, benchmarking, unspecified, and
 * IPv4-mapped/NAT64 forms of any of them.
 */
import { BlockList, isIP } from "node:net";

const REFUSED_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "CGNAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local / metadata"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const REFUSED_V6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "unique local / metadata"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
  ["2001:db8::", 32, "documentation"],
  ["100::", 64, "discard"],
  ["2001::", 23, "IETF protocol"],
];

export type ProbeAllowList = { list: BlockList; cidrs: string[] };

/** Parse `PORTAL_PROBE_ALLOW`: comma- or space-separated CIDRs (`127.0.0.0/8, ::1/128`). Throws on a bad entry. */
export function parseAllowList(text: string | undefined): ProbeAllowList | undefined {
  const cidrs = (text ?? "").split(/[\s,]+/).filter(Boolean);
  if (!cidrs.length) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split("/");
    const family = isIP(net ?? "");
    const prefix = Number(bits ?? (family === 6 ? 128 : 32));
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`PORTAL_PROBE_ALLOW: "${cidr}" is not a CIDR`);
    }
    list.addSubnet(net!, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { list, cidrs };
}

/** The embedded IPv4 of an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address. */
function embeddedV4(address: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address is refused (the range's name), or undefined when the probe may connect to it. */
export function refusedAddress(address: string, allow?: ProbeAllowList): string | undefined {
  const family = isIP(address);
  if (!family) return "not an IP address";
  const type = family === 6 ? "ipv6" : "ipv4";
  if (allow?.list.check(address, type)) return undefined;
  const v4 = family === 6 ? embeddedV4(address) : address;
  if (v4 && family === 6) {
    if (allow?.list.check(v4, "ipv4")) return undefined;
  }
  for (const [net, prefix, name] of REFUSED_V4) {
    if (v4 && new BlockListOf(net, prefix, "ipv4").check(v4, "ipv4")) return name;
  }
  if (family === 6)
    for (const [net, prefix, name] of REFUSED_V6)
      if (new BlockListOf(net, prefix, "ipv6").check(address, "ipv6")) return name;
  return undefined;
}

/** A one-subnet BlockList (cached): BlockList.check has no way to say which rule matched. */
const cache = new Map<string, BlockList>();
class BlockListOf {
  private list: BlockList;
  constructor(net: string, prefix: number, type: "ipv4" | "ipv6") {
    const key = `${net}/${prefix}`;
    let list = cache.get(key);
    if (!list) {
      list = new BlockList();
      list.addSubnet(net, prefix, type);
      cache.set(key, list);
    }
    this.list = list;
  }
  check(address: string, type: "ipv4" | "ipv6") {
    return this.list.check(address, type);
  }
}

/** Ports the probe connects to: the two Thales calls (DESIGN §2), unless the operator allow-listed a lab. */
export const PROBE_PORTS = [443, 8443] as const;
