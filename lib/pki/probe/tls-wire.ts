/**
 * Reads the server's first flight from raw TLS bytes (RFC 8446 §4, RFC 5246 §7.4): ServerHello version,
 * and — in TLS 1.2, where they travel in clear — the Certificate list in the order sent and the
 * CertificateRequest's certificate_authorities. Node's TLS API exposes neither the CA names nor the exact
 * order and content of the served list, so the probe records the bytes and reads them here (docs/decisions/014).
 */

export type TlsVersionName = "SSLv3" | "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";

const VERSIONS: Record<number, TlsVersionName> = {
  0x0300: "SSLv3",
  0x0301: "TLSv1",
  0x0302: "TLSv1.1",
  0x0303: "TLSv1.2",
  0x0304: "TLSv1.3",
};

export type ServerFlight = {
  /** Negotiated version from ServerHello (supported_versions wins over legacy_version). */
  version?: TlsVersionName;
  /** TLS 1.2 Certificate message: DER certificates in the order the server sent them. */
  certificates?: Uint8Array[];
  /** TLS 1.2 CertificateRequest seen; `caNames` are DER-encoded DistinguishedNames. */
  certificateRequest?: { caNames: Uint8Array[] };
  /** A plaintext alert from the server (level, description), e.g. 40 handshake_failure, 116 certificate_required. */
  alert?: { level: number; description: number };
  /** Bytes after the point where records become encrypted (CCS or application data), not read. */
  encryptedAfter: boolean;
};

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u24 = (b: Uint8Array, i: number) => (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;

/** Split a length-prefixed list of length-prefixed items (lengths of `outer` and `inner` bytes). */
function items(b: Uint8Array, start: number, end: number, inner: 2 | 3): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = start;
  while (p + inner <= end) {
    const n = inner === 2 ? u16(b, p) : u24(b, p);
    p += inner;
    if (p + n > end) throw new RangeError("item runs past its list");
    out.push(b.slice(p, p + n));
    p += n;
  }
  return out;
}

function readServerHello(body: Uint8Array): TlsVersionName | undefined {
  let version = VERSIONS[u16(body, 0)];
  let p = 2 + 32; // legacy_version, random
  p += 1 + body[p]!; // session id
  p += 2 + 1; // cipher suite, compression
  if (p + 2 > body.length) return version;
  const end = p + 2 + u16(body, p);
  p += 2;
  while (p + 4 <= end) {
    const type = u16(body, p);
    const len = u16(body, p + 2);
    if (type === 43 && len === 2) version = VERSIONS[u16(body, p + 4)] ?? version; // supported_versions
    p += 4 + len;
  }
  return version;
}

/** The server → client bytes of one connection, parsed as far as they are in clear. Never throws. */
export function readServerFlight(bytes: Uint8Array): ServerFlight {
  const flight: ServerFlight = { encryptedAfter: false };
  const handshake: number[] = [];
  let p = 0;
  try {
    while (p + 5 <= bytes.length) {
      const type = bytes[p]!;
      const len = u16(bytes, p + 3);
      if (p + 5 + len > bytes.length) break;
      const fragment = bytes.subarray(p + 5, p + 5 + len);
      p += 5 + len;
      if (type === 22) handshake.push(...fragment);
      else if (type === 21 && len >= 2 && !flight.encryptedAfter)
        flight.alert = { level: fragment[0]!, description: fragment[1]! };
      else if (type === 20 || type === 23) {
        flight.encryptedAfter = true;
        break;
      }
    }
    const hs = Uint8Array.from(handshake);
    for (let q = 0; q + 4 <= hs.length;) {
      const msgType = hs[q]!;
      const len = u24(hs, q + 1);
      if (q + 4 + len > hs.length) break;
      const body = hs.subarray(q + 4, q + 4 + len);
      q += 4 + len;
      if (msgType === 2) flight.version = readServerHello(body);
      else if (msgType === 11 && flight.version !== "TLSv1.3")
        flight.certificates = items(body, 3, 3 + u24(body, 0), 3);
      else if (msgType === 13 && flight.version !== "TLSv1.3") {
        let r = 1 + body[0]!; // certificate_types
        if (flight.version === "TLSv1.2") r += 2 + u16(body, r); // supported_signature_algorithms
        flight.certificateRequest = { caNames: items(body, r + 2, r + 2 + u16(body, r), 2) };
      }
    }
  } catch {
    // A malformed flight: keep what was read.
  }
  return flight;
}
