/**
 * Reads the server's first flight from raw TLS bytes (RFC 8446 §4, RFC 5246 §7.4): ServerHello version and
 * cipher suite, the Certificate list in the order sent and the CertificateRequest's certificate_authorities.
 * In TLS 1.2 they travel in clear; in TLS 1.3 they are encrypted, and are read when the caller passes the
 * `keylog` lines of its own client (lib/pki/probe/tls13.ts opens the records). Node's TLS API exposes neither the
 * CA names nor the exact order and content of the served list, so the probe records the bytes and reads them
 * here (docs/decisions/014).
 */
import { decryptServerHandshake, serverHandshakeSecret } from "./tls13";

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
  /** Negotiated cipher suite from ServerHello (e.g. 0x1301 TLS_AES_128_GCM_SHA256). */
  cipherSuite?: number;
  /** Certificate message: DER certificates in the order the server sent them. */
  certificates?: Uint8Array[];
  /** CertificateRequest seen; `caNames` are DER-encoded DistinguishedNames (empty when none were listed). */
  certificateRequest?: { caNames: Uint8Array[] };
  /** A plaintext alert from the server (level, description), e.g. 40 handshake_failure, 116 certificate_required. */
  alert?: { level: number; description: number };
  /** Bytes after the point where records become encrypted (CCS or application data), not read in clear. */
  encryptedAfter: boolean;
  /**
   * TLS 1.3: whether the encrypted flight was opened and read through the server's Finished, so that a missing
   * CertificateRequest means "not requested"; `failure` says why not (no secret, unknown suite, a lie).
   */
  tls13?: { read: boolean; failure?: string };
};

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u24 = (b: Uint8Array, i: number) => (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;

/** Split a list of length-prefixed items (`inner`-byte lengths) between `start` and `end`; throws on overrun. */
function items(b: Uint8Array, start: number, end: number, inner: 2 | 3): Uint8Array[] {
  if (end > b.length) throw new RangeError("list runs past its message");
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

function readServerHello(body: Uint8Array): { version?: TlsVersionName; cipherSuite?: number } {
  let version = VERSIONS[u16(body, 0)];
  let p = 2 + 32; // legacy_version, random
  p += 1 + body[p]!; // session id
  const cipherSuite = p + 2 <= body.length ? u16(body, p) : undefined;
  p += 2 + 1; // cipher suite, compression
  if (p + 2 > body.length) return { version, cipherSuite };
  const end = p + 2 + u16(body, p);
  p += 2;
  while (p + 4 <= end) {
    const type = u16(body, p);
    const len = u16(body, p + 2);
    if (type === 43 && len === 2) version = VERSIONS[u16(body, p + 4)] ?? version; // supported_versions
    p += 4 + len;
  }
  return { version, cipherSuite };
}

/**
 * TLS 1.3 Certificate and CertificateRequest both open with a certificate_request_context, then a list whose length
 * takes `lengthBytes` bytes (certificate_list, extensions): where that list's items start and where it ends.
 */
function listAfterContext13(body: Uint8Array, lengthBytes: 2 | 3): { start: number; end: number } {
  const at = 1 + body[0]!;
  const end = at + lengthBytes + (lengthBytes === 2 ? u16(body, at) : u24(body, at));
  if (end > body.length) throw new RangeError("list runs past its message");
  return { start: at + lengthBytes, end };
}

/** TLS 1.3 Certificate (RFC 8446 §4.4.2): request context, then entries of cert_data and extensions. */
function readCertificate13(body: Uint8Array): Uint8Array[] {
  const { start, end } = listAfterContext13(body, 3);
  const out: Uint8Array[] = [];
  let p = start;
  while (p < end) {
    if (p + 3 > end) throw new RangeError("truncated entry");
    const n = u24(body, p);
    if (p + 3 + n + 2 > end) throw new RangeError("entry runs past its list");
    out.push(body.slice(p + 3, p + 3 + n));
    p += 3 + n;
    p += 2 + u16(body, p); // CertificateEntry extensions (OCSP, SCT): not needed
  }
  if (p !== end) throw new RangeError("entry extensions run past their list");
  return out;
}

/** TLS 1.3 CertificateRequest (§4.3.2): its certificate_authorities extension (§4.2.4), if present. */
function readCertificateRequest13(body: Uint8Array): Uint8Array[] {
  const { start, end } = listAfterContext13(body, 2);
  let names: Uint8Array[] = [];
  let p = start;
  while (p < end) {
    if (p + 4 > end) throw new RangeError("truncated extension");
    const type = u16(body, p);
    const len = u16(body, p + 2);
    if (p + 4 + len > end) throw new RangeError("extension runs past its list");
    if (type === 47) {
      if (len < 2 || 2 + u16(body, p + 4) !== len) throw new RangeError("certificate_authorities length");
      names = items(body, p + 6, p + 4 + len, 2);
    }
    p += 4 + len;
  }
  return names;
}

type Record_ = { type: number; header: Uint8Array; fragment: Uint8Array };

/** The complete records in `bytes` (a partial last one is left out). */
function records(bytes: Uint8Array): Record_[] {
  const out: Record_[] = [];
  for (let p = 0; p + 5 <= bytes.length;) {
    const len = u16(bytes, p + 3);
    if (p + 5 + len > bytes.length) break;
    out.push({ type: bytes[p]!, header: bytes.subarray(p, p + 5), fragment: bytes.subarray(p + 5, p + 5 + len) });
    p += 5 + len;
  }
  return out;
}

/** Reads the handshake messages in `hs` into `flight`; returns whether Finished (type 20) was reached. */
function readMessages(hs: Uint8Array, flight: ServerFlight, encrypted: boolean): boolean {
  for (let q = 0; q + 4 <= hs.length;) {
    const msgType = hs[q]!;
    const len = u24(hs, q + 1);
    if (q + 4 + len > hs.length) return false;
    const body = hs.subarray(q + 4, q + 4 + len);
    q += 4 + len;
    if (msgType === 2 && !encrypted) Object.assign(flight, readServerHello(body));
    else if (msgType === 11 && encrypted) flight.certificates = readCertificate13(body);
    else if (msgType === 13 && encrypted) flight.certificateRequest = { caNames: readCertificateRequest13(body) };
    else if (msgType === 11 && flight.version !== "TLSv1.3") flight.certificates = items(body, 3, 3 + u24(body, 0), 3);
    else if (msgType === 13 && flight.version !== "TLSv1.3") {
      let r = 1 + body[0]!; // certificate_types
      if (flight.version === "TLSv1.2") r += 2 + u16(body, r); // supported_signature_algorithms
      flight.certificateRequest = { caNames: items(body, r + 2, r + 2 + u16(body, r), 2) };
    } else if (msgType === 20 && encrypted) return true;
  }
  return false;
}

/**
 * The server → client bytes of one connection, parsed as far as they are in clear — and, in TLS 1.3 when the
 * client's `keylog` lines are given, through the encrypted part of the server's flight. Never throws.
 */
export function readServerFlight(bytes: Uint8Array, keylog: readonly (string | Uint8Array)[] = []): ServerFlight {
  const flight: ServerFlight = { encryptedAfter: false };
  const plain: Uint8Array[] = [];
  const protectedRecords: Record_[] = [];
  try {
    for (const record of records(bytes)) {
      // After CCS, TLS 1.2 handshake records are encrypted (Finished). A TLS 1.3 HelloRetryRequest followed by its
      // CCS and a second ServerHello is not read either: the names are then reported unreadable.
      if (record.type === 22 && !flight.encryptedAfter) plain.push(record.fragment);
      else if (record.type === 21 && !flight.encryptedAfter)
        flight.alert = { level: record.fragment[0] ?? 0, description: record.fragment[1] ?? 0 };
      else if (record.type === 20)
        flight.encryptedAfter = true; // TLS 1.3: a compatibility CCS, never protected
      else if (record.type === 23) {
        flight.encryptedAfter = true;
        protectedRecords.push(record);
      }
      // TLS 1.3 alone needs the protected records, and no more of them than a handshake takes (tls13.ts bounds it).
      if (protectedRecords.length > 65) break;
    }
    readMessages(Buffer.concat(plain), flight, false);
  } catch {
    // A malformed flight: keep what was read.
  }
  if (flight.version !== "TLSv1.3") return flight;
  const secret = serverHandshakeSecret(keylog);
  if (!secret || flight.cipherSuite === undefined) {
    flight.tls13 = { read: false, failure: "no handshake secret" };
    return flight;
  }
  const opened = decryptServerHandshake(flight.cipherSuite, secret, protectedRecords);
  let read = false;
  try {
    read = readMessages(opened.handshake, flight, true);
  } catch {
    flight.tls13 = { read: false, failure: "malformed handshake message" };
    return flight;
  }
  if (opened.alert) flight.alert = opened.alert;
  flight.tls13 = read ? { read: true } : { read: false, failure: opened.failure ?? "incomplete flight" };
  return flight;
}
