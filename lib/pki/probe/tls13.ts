/**
 * The server's encrypted TLS 1.3 handshake, read back with the secret our own client derived (docs/decisions/014).
 * In TLS 1.3 everything after ServerHello (EncryptedExtensions, CertificateRequest, Certificate, ...) travels in
 * records protected with the server handshake traffic key. Node's `tls` hands that secret to the `keylog` event
 * (NSS key log format, SERVER_HANDSHAKE_TRAFFIC_SECRET); from it we derive the record key and IV (RFC 8446 §7.1,
 * §7.3), open the server's records in order (§5.2, §5.3) and hand the handshake messages to tls-wire's reader.
 *
 * Everything here reads bytes a hostile server chose: lengths are checked before use, the work is bounded
 * (records, plaintext size), and the first record that fails authentication ends the reading — it is either
 * the end of the handshake keys' use or a lie, and neither is worth more effort. Nothing throws.
 */
import { createDecipheriv, createHmac } from "node:crypto";

type Suite = {
  hash: "sha256" | "sha384";
  cipher: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  keyLength: number;
};

/** The TLS 1.3 cipher suites OpenSSL (and so Node) offers by default (RFC 8446 §B.4); CCM suites are not read. */
export const TLS13_SUITES: Record<number, Suite & { name: string }> = {
  0x1301: { name: "TLS_AES_128_GCM_SHA256", hash: "sha256", cipher: "aes-128-gcm", keyLength: 16 },
  0x1302: { name: "TLS_AES_256_GCM_SHA384", hash: "sha384", cipher: "aes-256-gcm", keyLength: 32 },
  0x1303: { name: "TLS_CHACHA20_POLY1305_SHA256", hash: "sha256", cipher: "chacha20-poly1305", keyLength: 32 },
};

const TAG_LENGTH = 16;
const IV_LENGTH = 12;
/** RFC 8446 §5.2: a protected record is at most 2^14 + 256 bytes. */
const MAX_CIPHERTEXT = 16384 + 256;
/** More records than a server handshake needs (a few, or one per 16 KB of a large chain) is a stall attempt. */
const MAX_RECORDS = 64;
/** Handshake plaintext we are willing to gather: ample for EncryptedExtensions, a CertificateRequest and a chain. */
export const MAX_HANDSHAKE_PLAINTEXT = 256 * 1024;

/** HKDF-Expand (RFC 5869 §2.3); `length` is at most 255 hash blocks. */
export function hkdfExpand(hash: string, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const out = Buffer.alloc(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let filled = 0, counter = 1; filled < length; counter++) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Uint8Array.of(counter)).digest();
    out.set(previous.subarray(0, length - filled), filled);
    filled += previous.length;
  }
  return out;
}

/** HKDF-Expand-Label (RFC 8446 §7.1): info = length, "tls13 " + label, context, each length-prefixed. */
export function hkdfExpandLabel(
  hash: string,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  const fullLabel = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([
    Uint8Array.of(length >> 8, length & 255, fullLabel.length),
    fullLabel,
    Uint8Array.of(context.length),
    context,
  ]);
  return hkdfExpand(hash, secret, info, length);
}

/** The record protection key and IV of a traffic secret (RFC 8446 §7.3). */
export function trafficKeys(suite: Suite, secret: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  const empty = new Uint8Array(0);
  return {
    key: hkdfExpandLabel(suite.hash, secret, "key", empty, suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, "iv", empty, IV_LENGTH),
  };
}

/** The per-record nonce: the IV with the 64-bit record sequence number XORed into its last bytes (§5.3). */
export function recordNonce(iv: Uint8Array, sequence: number): Uint8Array {
  const nonce = Uint8Array.from(iv);
  for (let i = 0, s = sequence; i < 8 && s > 0; i++, s = Math.floor(s / 256)) nonce[IV_LENGTH - 1 - i]! ^= s & 255;
  return nonce;
}

/**
 * Opens one protected record (header = the 5 bytes before it, the additional data of §5.2) and strips the
 * padding: returns the inner content type and content, or undefined when it does not authenticate or is
 * all padding (no content type, a protocol violation).
 */
export function openRecord(
  suite: Suite,
  keys: { key: Uint8Array; iv: Uint8Array },
  sequence: number,
  header: Uint8Array,
  ciphertext: Uint8Array,
): { type: number; content: Uint8Array } | undefined {
  if (ciphertext.length < TAG_LENGTH + 1 || ciphertext.length > MAX_CIPHERTEXT) return undefined;
  let plain: Buffer;
  try {
    const nonce = recordNonce(keys.iv, sequence);
    const options = { authTagLength: TAG_LENGTH };
    // Two calls because Node's typings have one overload per AEAD family.
    const decipher =
      suite.cipher === "chacha20-poly1305"
        ? createDecipheriv(suite.cipher, keys.key, nonce, options)
        : createDecipheriv(suite.cipher, keys.key, nonce, options);
    // plaintextLength matters to CCM only; the ChaCha20-Poly1305 typings ask for it all the same.
    decipher.setAAD(header, { plaintextLength: ciphertext.length - TAG_LENGTH });
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_LENGTH));
    plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    return undefined;
  }
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  if (end === 0) return undefined;
  return { type: plain[end - 1]!, content: plain.subarray(0, end - 1) };
}

/** The server handshake traffic secret from Node's `keylog` lines (NSS key log format), if one was logged. */
export function serverHandshakeSecret(keylog: readonly (string | Uint8Array)[]): Uint8Array | undefined {
  for (const entry of keylog) {
    const line = typeof entry === "string" ? entry : Buffer.from(entry).toString("latin1");
    const m = /^SERVER_HANDSHAKE_TRAFFIC_SECRET [0-9a-fA-F]{64} ([0-9a-fA-F]{64,128})\s*$/m.exec(line);
    if (m && m[1]!.length % 2 === 0) return Uint8Array.from(Buffer.from(m[1]!, "hex"));
  }
  return undefined;
}

export type EncryptedHandshake = {
  /** Concatenated plaintext handshake messages, in order, up to and including what authenticated. */
  handshake: Uint8Array;
  /** An alert sent under the handshake keys (level, description). */
  alert?: { level: number; description: number };
  /** Why reading stopped early, when it did: the caller reports the names as unreadable then. */
  failure?: "unknown cipher suite" | "secret does not fit the suite" | "record did not authenticate" | "too much data";
};

/**
 * Opens the server's protected records that follow ServerHello (`records`: each record's 5-byte header and
 * fragment, in arrival order, change_cipher_spec records already left out) with the handshake secret.
 * Reading stops at the server's Finished message, which ends the use of these keys.
 */
export function decryptServerHandshake(
  cipherSuite: number,
  secret: Uint8Array,
  records: readonly { header: Uint8Array; fragment: Uint8Array }[],
): EncryptedHandshake {
  const suite = TLS13_SUITES[cipherSuite];
  if (!suite) return { handshake: new Uint8Array(0), failure: "unknown cipher suite" };
  const hashLength = suite.hash === "sha256" ? 32 : 48;
  if (secret.length !== hashLength) return { handshake: new Uint8Array(0), failure: "secret does not fit the suite" };
  const keys = trafficKeys(suite, secret);
  const parts: Uint8Array[] = [];
  let size = 0;
  const done = (extra: Partial<EncryptedHandshake> = {}): EncryptedHandshake => ({
    handshake: Buffer.concat(parts),
    ...extra,
  });
  for (let sequence = 0; sequence < records.length; sequence++) {
    if (sequence >= MAX_RECORDS) return done({ failure: "too much data" });
    const record = records[sequence]!;
    const opened = openRecord(suite, keys, sequence, record.header, record.fragment);
    if (!opened) return done({ failure: "record did not authenticate" });
    if (opened.type === 21 && opened.content.length >= 2) {
      return done({ alert: { level: opened.content[0]!, description: opened.content[1]! } });
    }
    if (opened.type !== 22) continue;
    size += opened.content.length;
    if (size > MAX_HANDSHAKE_PLAINTEXT) return done({ failure: "too much data" });
    parts.push(opened.content);
    if (endsWithFinished(Buffer.concat(parts))) return done();
  }
  return done();
}

/** Whether the handshake messages so far are complete and the last one is Finished (type 20). */
function endsWithFinished(hs: Uint8Array): boolean {
  let last = -1;
  let p = 0;
  while (p + 4 <= hs.length) {
    const len = (hs[p + 1]! << 16) | (hs[p + 2]! << 8) | hs[p + 3]!;
    if (p + 4 + len > hs.length) return false;
    last = hs[p]!;
    p += 4 + len;
  }
  return p === hs.length && last === 20;
}
