/**
 * JKS, the Sun/Oracle "JavaKeyStore" format (sun.security.provider.JavaKeyStore, version 2), trusted
 * certificate entries only. The format has no public RFC; its layout is fixed by the JDK's reader:
 *   magic 0xFEEDFEED, version 2, entry count, then per entry: tag 2 (trusted certificate), alias (Java
 *   modified UTF-8 with a 16-bit length), creation time (ms since epoch, 64-bit), certificate type "X.509",
 *   certificate length (32-bit) and DER; all integers big-endian. The file ends with a SHA-1 over
 *   password-as-UTF-16BE ‖ "Mighty Aphrodite" ‖ everything before the digest, the keystore integrity check.
 */
import { createHash } from "node:crypto";
import type { TrustedCertificate } from "./aliases";

const MAGIC = 0xfeedfeed;
const VERSION = 2;
const TRUSTED_CERT_ENTRY = 2;

class Writer {
  private parts: Buffer[] = [];
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    this.parts.push(b);
  }
  u64(n: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    this.parts.push(b);
  }
  /** DataOutputStream.writeUTF; our aliases are ASCII, where modified UTF-8 equals UTF-8. */
  utf(s: string) {
    const body = Buffer.from(s, "utf8");
    if (body.length > 0xffff || /[^\x01-\x7f]/.test(s)) throw new Error("JKS strings must be short ASCII");
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length);
    this.parts.push(len, body);
  }
  bytes(b: Uint8Array) {
    this.parts.push(Buffer.from(b));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** The keystore integrity digest (JavaKeyStore.getPreKeyedHash). */
export function jksDigest(password: string, body: Uint8Array): Buffer {
  const pw = Buffer.from(password, "utf16le");
  pw.swap16();
  return createHash("sha1").update(pw).update("Mighty Aphrodite", "utf8").update(body).digest();
}

/** A JKS holding only trusted certificate entries; `now` is every entry's creation date. */
export function writeJksTrustStore(
  certs: readonly TrustedCertificate[],
  opts: { password: string; now: Date },
): Uint8Array {
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(VERSION);
  w.u32(certs.length);
  for (const { alias, der } of certs) {
    w.u32(TRUSTED_CERT_ENTRY);
    w.utf(alias.toLowerCase());
    w.u64(opts.now.getTime());
    w.utf("X.509");
    w.u32(der.length);
    w.bytes(der);
  }
  const body = w.done();
  return new Uint8Array(Buffer.concat([body, jksDigest(opts.password, body)]));
}
