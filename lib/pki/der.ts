/**
 * Minimal DER/BER reader. We walk certificates, CSRs and PKCS#7 ourselves because node:crypto cannot read CSRs
 * or extensions in detail, and asn1js/pkijs object trees cost more than the checks themselves (see ADR 002).
 * Supports definite lengths (X.690 §8.1.3) and, for PKCS#7 bundles written by BER encoders, indefinite lengths
 * (X.690 §8.1.3.6). Every read is bounds-checked and throws DerError, which callers turn into findings.
 */

export class DerError extends Error {}

/** One tag-length-value found in a buffer. `contentEnd` excludes the end-of-contents octets of BER. */
export type Tlv = {
  tag: number;
  constructed: boolean;
  start: number;
  headerEnd: number;
  contentEnd: number;
  end: number;
};

const MAX_DEPTH = 48;

/** Read the TLV that starts at `pos`, never beyond `limit`. */
export function readTlv(buf: Uint8Array, pos: number, limit = buf.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new DerError("nesting too deep");
  if (pos + 2 > limit) throw new DerError("truncated header");
  const tag = buf[pos]!;
  // High tag numbers (X.690 §8.1.2.4) never occur in the structures we read.
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag number");
  const constructed = (tag & 0x20) !== 0;
  let p = pos + 1;
  const first = buf[p++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError("indefinite length on primitive");
    let q = p;
    for (;;) {
      if (q + 2 > limit) throw new DerError("unterminated indefinite length");
      if (buf[q] === 0 && buf[q + 1] === 0) break;
      q = readTlv(buf, q, limit, depth + 1).end;
    }
    return { tag, constructed, start: pos, headerEnd: p, contentEnd: q, end: q + 2 };
  }
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new DerError("length too long");
    if (p + n > limit) throw new DerError("truncated length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  const end = p + len;
  if (end > limit) throw new DerError("content runs past end");
  return { tag, constructed, start: pos, headerEnd: p, contentEnd: end, end };
}

/** Children of a constructed TLV. */
export function children(buf: Uint8Array, parent: Tlv, depth = 0): Tlv[] {
  if (!parent.constructed) throw new DerError("not constructed");
  const out: Tlv[] = [];
  let p = parent.headerEnd;
  while (p < parent.contentEnd) {
    const t = readTlv(buf, p, parent.contentEnd, depth + 1);
    out.push(t);
    p = t.end;
  }
  return out;
}

/**
 * The first TLV inside `value`, e.g. an extension's OCTET STRING value (RFC 5280 §4.1: extnValue holds the DER
 * of the extension's own structure): `value` is walked as if it were the content of a SEQUENCE, so the TLV is
 * bounds-checked against it; undefined when it is empty.
 */
export function readTlvIn(value: Uint8Array): Tlv | undefined {
  return children(value, {
    tag: 0x30,
    constructed: true,
    start: 0,
    headerEnd: 0,
    contentEnd: value.length,
    end: value.length,
  })[0];
}

/** Assert a tag and return the TLV, for readable structure walks. */
export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected ${what}`);
  return t;
}

export function content(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.headerEnd, t.contentEnd);
}

export function raw(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.start, t.end);
}

const oidCache = new Map<string, string>();

/** Dotted OID from the content octets of an OBJECT IDENTIFIER (X.690 §8.19). */
export function decodeOid(c: Uint8Array): string {
  const key = Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString("latin1");
  const hit = oidCache.get(key);
  if (hit) return hit;
  if (c.length === 0) throw new DerError("empty OID");
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OID arc too large");
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  if (c[c.length - 1]! & 0x80) throw new DerError("truncated OID");
  const s = parts.join(".");
  if (oidCache.size < 4096) oidCache.set(key, s);
  return s;
}

export function readOid(buf: Uint8Array, t: Tlv | undefined): string {
  return decodeOid(content(buf, expectTag(t, 0x06, "OBJECT IDENTIFIER")));
}

/** Unsigned big-endian hex of an INTEGER, without the sign-padding zero byte. */
export function integerHex(c: Uint8Array): string {
  let i = 0;
  while (i < c.length - 1 && c[i] === 0) i++;
  return Buffer.from(c.buffer, c.byteOffset + i, c.byteLength - i)
    .toString("hex")
    .toUpperCase();
}

/** Small non-negative INTEGER (versions, path lengths). */
export function readSmallInt(buf: Uint8Array, t: Tlv | undefined): number {
  const c = content(buf, expectTag(t, 0x02, "INTEGER"));
  if (c.length === 0 || c.length > 6) throw new DerError("integer out of range");
  if (c[0]! & 0x80) throw new DerError("negative integer");
  let v = 0;
  for (const b of c) v = v * 256 + b;
  return v;
}

/** Bit length of an unsigned INTEGER (RSA modulus size). */
export function integerBitLength(c: Uint8Array): number {
  let i = 0;
  while (i < c.length && c[i] === 0) i++;
  if (i === c.length) return 0;
  return (c.length - i - 1) * 8 + (32 - Math.clz32(c[i]!));
}

/** UTCTime / GeneralizedTime (RFC 5280 §4.1.2.5.1-2: YYMMDDHHMMSSZ, YYYYMMDDHHMMSSZ). */
export function readTime(buf: Uint8Array, t: Tlv | undefined): Date {
  if (!t || (t.tag !== 0x17 && t.tag !== 0x18)) throw new DerError("expected Time");
  const s = Buffer.from(content(buf, t)).toString("latin1");
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw new DerError("bad time format");
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900; // RFC 5280 §4.1.2.5.1
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  if (Number.isNaN(d.getTime())) throw new DerError("bad time value");
  return d;
}

/** Content of a BIT STRING without the unused-bits octet, plus that count. */
export function readBitString(buf: Uint8Array, t: Tlv | undefined): { bytes: Uint8Array; unused: number } {
  const c = content(buf, expectTag(t, 0x03, "BIT STRING"));
  if (c.length === 0) throw new DerError("empty BIT STRING");
  const unused = c[0]!;
  if (unused > 7) throw new DerError("bad BIT STRING");
  return { bytes: c.subarray(1), unused };
}
