/**
 * Host names and IP addresses as TLS clients compare them: reference identifiers (what the client dials),
 * presented identifiers (SAN dNSName / iPAddress), RFC 6125 §6.4 matching. Shared by name constraints,
 * the chain check (`--host`) and the wire check of ISSUER_HOST.
 */
import { isIPv4, isIPv6 } from "node:net";
import { getPublicSuffix } from "tldts";
import type { GeneralName } from "./general-names";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A preferred-name-syntax DNS name (RFC 1034 §3.5, RFC 5890 A-labels), lower-cased, no trailing dot. */
export function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name
    .toLowerCase()
    .split(".")
    .every((l) => LABEL.test(l));
}

/** Parse an IPv4 or IPv6 literal into 4 or 16 bytes; undefined when it is not one. */
export function ipBytes(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (!isIPv6(text)) return undefined;
  let s = text;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    tail = v4[1]!.split(".").map(Number);
    s = s.slice(0, -v4[1]!.length) + "0:0";
  }
  const [head, rest] = s.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const r = rest ? rest.split(":") : [];
  const groups = rest === undefined ? h : [...h, ...Array<string>(8 - h.length - r.length).fill("0"), ...r];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  if (tail.length) out.set(tail, 12);
  return out;
}

export type HostReference = { kind: "dns"; name: string } | { kind: "ip"; bytes: Uint8Array } | { kind: "invalid" };

/** What the client dials, normalized: lower case, trailing dot removed, IP literals (optionally in brackets) as bytes. */
export function parseHostReference(host: string): HostReference {
  const h = host.trim().replace(/^\[(.*)\]$/, "$1");
  const ip = ipBytes(h);
  if (ip) return { kind: "ip", bytes: ip };
  const name = h.toLowerCase().replace(/\.$/, "");
  return isDnsName(name) ? { kind: "dns", name } : { kind: "invalid" };
}

/**
 * RFC 6125 §6.4.3 / CA/B BR §3.2.2.6 wildcard rules: `*` only as the whole left-most label, matching exactly one
 * label, and never over a public suffix (`*`, `*.com`, `*.co.uk`, `*.s3.amazonaws.com`: the Public Suffix List,
 * private section included, as browsers apply it).
 */
function dnsMatches(presented: string, reference: string): boolean {
  const p = presented.toLowerCase().replace(/\.$/, "");
  if (!p.startsWith("*.")) return isDnsName(p) && p === reference;
  const base = p.slice(2);
  if (!isDnsName(base) || !base.includes(".")) return false;
  if (getPublicSuffix(base, { allowPrivateDomains: true }) === base) return false;
  const dot = reference.indexOf(".");
  return dot > 0 && reference.slice(dot + 1) === base;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Does a certificate with these subjectAltName entries serve `host`? DNS references match dNSName entries,
 * IP references match iPAddress entries only; the subject CN is never consulted (RFC 6125 §6.4.4, CA/B BR).
 */
export function certificateMatchesHost(names: readonly GeneralName[] | undefined, host: string): boolean {
  const ref = parseHostReference(host);
  if (ref.kind === "invalid" || !names) return false;
  if (ref.kind === "ip")
    return names.some((n) => n.type === "ip" && n.bytes !== undefined && sameBytes(n.bytes, ref.bytes));
  return names.some((n) => n.type === "dns" && dnsMatches(n.text, ref.name));
}
