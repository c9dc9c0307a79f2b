/**
 * PKCS#12 trust store (RFC 7292), written the way Java and OpenSSL 3 read it on FIPS-minded systems:
 * one encrypted SafeContents of certificate bags only (no keys), each bag carrying a friendly name and the
 * Oracle "trusted key usage" attribute, PBES2 (RFC 8018 §6.2) with PBKDF2-HMAC-SHA256 and AES-256-CBC,
 * and an HMAC-SHA256 MAC over the AuthenticatedSafe.
 */
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { concat, NULL, octets, oid, seq, set, smallInt, tlv, uint } from "../der-write";
import type { TrustedCertificate } from "./aliases";

export const P12_OID = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  /** Oracle's "trusted key usage": present = a trusted certificate entry for Java's PKCS12KeyStore. */
  oracleTrustedKeyUsage: "2.16.840.1.113894.746875.1.1",
  anyExtendedKeyUsage: "2.5.29.37.0",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  sha256: "2.16.840.1.101.3.4.2.1",
} as const;

export type Pkcs12Options = {
  password: string;
  /** PBKDF2 and MAC iterations; OpenSSL 3 writes 2048, we default higher (see docs/decisions/013). */
  iterations?: number;
  /** Salt and IV source (tests pass a deterministic one). */
  random?: (n: number) => Uint8Array;
};

export const DEFAULT_P12_ITERATIONS = 10_000;

/** BMPString (UCS-2 big-endian), as friendlyName requires (RFC 7292 §4.2, PKCS#9). */
function bmp(s: string): Uint8Array {
  const b = Buffer.from(s, "utf16le");
  b.swap16();
  return b;
}

function certBag({ alias, der }: TrustedCertificate): Uint8Array {
  const value = seq(oid(P12_OID.x509Certificate), tlv(0xa0, octets(der)));
  const attributes = set(
    seq(oid(P12_OID.friendlyName), set(tlv(0x1e, bmp(alias)))),
    seq(oid(P12_OID.oracleTrustedKeyUsage), set(oid(P12_OID.anyExtendedKeyUsage))),
  );
  return seq(oid(P12_OID.certBag), tlv(0xa0, value), attributes);
}

/** PKCS#12 KDF (RFC 7292 Appendix B.2) with SHA-256 (u = 32, v = 64), for the MAC key (ID = 3). */
export function pkcs12Kdf(
  password: string,
  salt: Uint8Array,
  id: number,
  iterations: number,
  size: number,
): Uint8Array {
  const u = 32;
  const v = 64;
  const pw = password.length ? concat([bmp(password), Uint8Array.of(0, 0)]) : new Uint8Array();
  const fill = (src: Uint8Array) => {
    if (!src.length) return new Uint8Array();
    const out = new Uint8Array(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = new Uint8Array(v).fill(id);
  const I = concat([fill(salt), fill(pw)]);
  const out = new Uint8Array(size);
  for (let done = 0; done < size;) {
    let A = createHash("sha256").update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash("sha256").update(A).digest();
    out.set(A.subarray(0, Math.min(u, size - done)), done);
    done += u;
    if (done >= size) break;
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += I[j + k]! + B[k]!;
        I[j + k] = carry & 0xff;
        carry >>= 8;
      }
    }
  }
  return out;
}

/** The iteration count as a DER INTEGER. */
function int(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return uint(Uint8Array.from(bytes.length ? bytes : [0]));
}

/** EncryptedData ContentInfo holding `plain`, under PBES2 (PBKDF2-HMAC-SHA256 → AES-256-CBC). */
function encrypt(
  plain: Uint8Array,
  password: string,
  iterations: number,
  random: (n: number) => Uint8Array,
): Uint8Array {
  const salt = random(16);
  const iv = random(16);
  // RFC 8018 §6.2 takes the password as an octet string; OpenSSL and Java both feed it as UTF-8.
  const key = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const algorithm = seq(
    oid(P12_OID.pbes2),
    seq(
      seq(
        oid(P12_OID.pbkdf2),
        seq(octets(salt), int(iterations), smallInt(32), seq(oid(P12_OID.hmacWithSha256), NULL)),
      ),
      seq(oid(P12_OID.aes256Cbc), octets(iv)),
    ),
  );
  const encryptedContentInfo = seq(oid(P12_OID.data), algorithm, tlv(0x80, encrypted));
  return seq(oid(P12_OID.encryptedData), tlv(0xa0, seq(smallInt(0), encryptedContentInfo)));
}

/**
 * A PFX (version 3) whose only entries are trusted certificates. Aliases become friendly names; the caller
 * derives them (see `certificateAlias`) so they are stable across exports.
 */
export function writePkcs12TrustStore(certs: readonly TrustedCertificate[], opts: Pkcs12Options): Uint8Array {
  const iterations = opts.iterations ?? DEFAULT_P12_ITERATIONS;
  const random = opts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const safeContents = seq(...certs.map(certBag));
  const authenticatedSafe = seq(encrypt(safeContents, opts.password, iterations, random));
  const macSalt = random(32);
  const macKey = pkcs12Kdf(opts.password, macSalt, 3, iterations, 32);
  const mac = createHmac("sha256", macKey).update(authenticatedSafe).digest();
  const macData = seq(seq(seq(oid(P12_OID.sha256), NULL), octets(mac)), octets(macSalt), int(iterations));
  return seq(smallInt(3), seq(oid(P12_OID.data), tlv(0xa0, octets(authenticatedSafe))), macData);
}
