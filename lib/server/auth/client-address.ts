import "server-only";
import { BlockList, isIP } from "node:net";

/**
 * Which address a request came from, given the TCP peer and the X-Forwarded-For chain. Forwarded
 * addresses are believed only as far as they were written by a trusted proxy: walking the chain from the
 * right (each proxy appends the address it saw), the first hop that is not a trusted proxy is the client.
 * With no trusted proxies the peer itself is the client, whatever the headers say (an attacker cannot
 * choose their throttle bucket or what the audit records). Node's BlockList does the CIDR matching.
 */
export type TrustedProxies = BlockList;

/** Parses PORTAL_TRUSTED_PROXIES: addresses or CIDRs, comma- or space-separated. Throws on a bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | null {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  if (!entries.length) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(normalizeAddress(address ?? ""));
    if (!family || extra !== undefined) throw new Error(`PORTAL_TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(normalizeAddress(address!), type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128))
        throw new Error(`PORTAL_TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(normalizeAddress(address!), prefix, type);
    }
  }
  return list;
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) is 192.0.2.1; brackets and zone ids go. */
export function normalizeAddress(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

function isTrusted(list: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies | null,
): string | undefined {
  const socket = peer ? normalizeAddress(peer) : "";
  if (!isIP(socket)) return undefined;
  if (!trusted || !isTrusted(trusted, socket)) return socket;
  let nearest = socket;
  const hops = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A trusted proxy never writes garbage: an unparsable hop ends what can be believed.
    if (!isIP(hop)) return nearest;
    if (!isTrusted(trusted, hop)) return hop;
    nearest = hop;
  }
  return nearest;
}
