/** Distinguished names: decode (RFC 5280 §4.1.2.4), print as RFC 4514 and as an openssl `-subj` argument. */
import { children, content, DerError, expectTag, readOid, type Tlv } from "./der";
import { visible } from "./visible-text";

export type DnAttribute = { type: string; oid: string; value: string };
/** RDNs in DER order (most significant first, usually C … CN); each RDN may hold several attributes. */
export type Rdn = DnAttribute[];
export type DistinguishedName = { rfc4514: string; rdns: Rdn[] };

const SHORT: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.9": "STREET",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "2.5.4.5": "serialNumber",
  "1.2.840.113549.1.9.1": "emailAddress",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.12": "title",
  "2.5.4.46": "dnQualifier",
  "2.5.4.17": "postalCode",
  "2.5.4.15": "businessCategory",
  "2.5.4.97": "organizationIdentifier",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
};
export const DN_OIDS: Record<string, string> = Object.fromEntries(Object.entries(SHORT).map(([o, s]) => [s, o]));

function decodeString(tag: number, c: Uint8Array): string | null {
  const b = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  switch (tag) {
    case 0x0c:
      return b.toString("utf8");
    case 0x13:
    case 0x16:
    case 0x12:
    case 0x1a:
      return b.toString("latin1");
    case 0x14:
      return b.toString("latin1"); // T61String: latin1 is what every toolkit does in practice
    case 0x1e: {
      // BMPString, UTF-16BE
      const s: string[] = [];
      for (let i = 0; i + 1 < c.length; i += 2) s.push(String.fromCharCode((c[i]! << 8) | c[i + 1]!));
      return s.join("");
    }
    case 0x1c: {
      // UniversalString, UTF-32BE
      const s: string[] = [];
      for (let i = 0; i + 3 < c.length; i += 4) {
        const cp = ((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0;
        s.push(cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd");
      }
      return s.join("");
    }
    default:
      return null;
  }
}

/** Decode a Name (SEQUENCE OF RDN). Throws DerError on malformed input. */
export function readName(buf: Uint8Array, t: Tlv | undefined): DistinguishedName {
  const seq = expectTag(t, 0x30, "Name");
  const rdns: Rdn[] = [];
  for (const setTlv of children(buf, seq)) {
    if (setTlv.tag !== 0x31) throw new DerError("expected RDN SET");
    const rdn: Rdn = [];
    for (const atv of children(buf, setTlv)) {
      const [typeT, valueT] = children(buf, expectTag(atv, 0x30, "AttributeTypeAndValue"));
      const oid = readOid(buf, typeT);
      if (!valueT) throw new DerError("missing attribute value");
      const decoded = decodeString(valueT.tag, content(buf, valueT));
      // RFC 4514 §2.4: values that are not strings print as '#' + hex of their BER encoding.
      const value = decoded ?? "#" + Buffer.from(buf.subarray(valueT.start, valueT.end)).toString("hex");
      rdn.push({ type: SHORT[oid] ?? oid, oid, value });
    }
    rdns.push(rdn);
  }
  return { rdns, rfc4514: toRfc4514(rdns) };
}

/** RFC 4514 §2.4 escaping; control and bidi characters shown as ⟨U+XXXX⟩ (this string is for display). */
function escape4514(v: string): string {
  if (v.startsWith("#") && /^#[0-9a-f]*$/.test(v)) return v;
  let s = v.replace(/[\\,+"<>;=]/g, (c) => "\\" + c).replace(/\0/g, "\\00");
  if (s.startsWith("#") || s.startsWith(" ")) s = "\\" + s;
  if (s.endsWith(" ")) s = s.slice(0, -1) + "\\ ";
  return visible(s);
}

/** RFC 4514 §2.1: RDNs in reverse order, comma separated; multi-valued RDNs joined with '+'. */
export function toRfc4514(rdns: readonly Rdn[]): string {
  return [...rdns]
    .reverse()
    .map((r) => r.map((a) => `${a.type}=${escape4514(a.value)}`).join("+"))
    .join(",");
}

/** The `-subj` argument openssl expects: `/C=FR/O=Acme/CN=TLSMA-RSA\/123\/D1.PPR`. */
export function toOpensslSubj(rdns: readonly Rdn[]): string {
  return rdns.map((r) => r.map((a) => `/${a.type}=${a.value.replace(/[\\/]/g, (c) => "\\" + c)}`).join("")).join("");
}

/** Parse an openssl `-subj` string back into RDNs (one attribute per RDN). */
export function parseOpensslSubj(subj: string): Rdn[] | null {
  if (!subj.startsWith("/")) return null;
  const rdns: Rdn[] = [];
  let i = 1;
  while (i <= subj.length) {
    let part = "";
    while (i < subj.length && subj[i] !== "/") {
      if (subj[i] === "\\" && i + 1 < subj.length) i++;
      part += subj[i++];
    }
    i++;
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const type = part.slice(0, eq);
    const oid = DN_OIDS[type] ?? (/^\d+(\.\d+)+$/.test(type) ? type : undefined);
    if (!oid) return null;
    rdns.push([{ type: SHORT[oid] ?? oid, oid, value: part.slice(eq + 1) }]);
  }
  return rdns;
}

/** All values of one attribute type (e.g. "CN"), in DER order. */
export function dnValues(dn: { rdns: readonly Rdn[] }, type: string): string[] {
  const out: string[] = [];
  for (const r of dn.rdns) for (const a of r) if (a.type === type) out.push(a.value);
  return out;
}

/**
 * Key for name comparison. RFC 5280 §7.1 asks for RFC 4518 preparation; we approximate it with case folding
 * and whitespace collapsing, which is what matters for names people type into openssl.
 */
export function nameKey(dn: { rdns: readonly Rdn[] }): string {
  return dn.rdns
    .map((r) =>
      r
        .map((a) => `${a.oid}=${a.value.trim().replace(/\s+/g, " ").toLowerCase()}`)
        .sort()
        .join("+"),
    )
    .join("/");
}
