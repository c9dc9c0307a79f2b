import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may go (SSRF guard): never to private, loopback, link-local, CGNAT, multicast or reserved
 * addresses, unless the operator lists the range in PORTAL_OUTBOUND_ALLOW. Checked on the address DNS
 * returned, at each delivery, and the connection then goes to exactly that address.
 */
const BLOCKED_V4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "224.0.0.0/4",
  "240.0.0.0/4",
];
const BLOCKED_V6 = ["::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96", "2001:db8::/32"];

function list(cidrs: readonly string[]): BlockList {
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split("/");
    const family = isIP(network ?? "");
    if (!family || bits === undefined || !/^\d+$/.test(bits)) throw new Error(`not a CIDR: ${cidr}`);
    blocks.addSubnet(network!, Number(bits), family === 6 ? "ipv6" : "ipv4");
  }
  return blocks;
}

const BLOCKED = (() => {
  const blocks = list(BLOCKED_V4);
  for (const cidr of BLOCKED_V6) {
    const [network, bits] = cidr.split("/");
    blocks.addSubnet(network!, Number(bits), "ipv6");
  }
  return blocks;
})();

/** Validates PORTAL_OUTBOUND_ALLOW entries; throws on anything that is not a CIDR. */
export function parseAllowList(cidrs: readonly string[]): BlockList {
  return list(cidrs);
}

/** undefined when `address` may be reached, else why not. IPv4-mapped IPv6 is judged as the IPv4 it maps. */
export function outboundRefusal(address: string, allow: BlockList): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (!isIP(ip)) return `not an IP address: ${address}`;
  if (allow.check(ip, family)) return undefined;
  if (BLOCKED.check(ip, family))
    return `${address} is a private, loopback, link-local or reserved address (allow it with PORTAL_OUTBOUND_ALLOW)`;
  return undefined;
}
