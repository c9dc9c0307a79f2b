/** DER encoders for the few extensions the portal writes (RFC 5280 §4.2.1). */
import { createHash } from "node:crypto";
import { bitString, bool, concat, oid, octets, seq, tlv } from "./der-write";
import { OID } from "./oids";

export function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** basicConstraints: empty SEQUENCE for an end entity (cA defaults to FALSE, X.690 DER omits defaults). */
export const basicConstraints = (ca: boolean, pathLength?: number) =>
  extension(
    OID.basicConstraints,
    true,
    ca ? seq(bool(true), ...(pathLength !== undefined ? [tlv(0x02, Uint8Array.of(pathLength))] : [])) : seq(),
  );

/** keyUsage from bit positions (0 = digitalSignature … 6 = cRLSign); DER drops trailing zero bits (X.690 §11.2.2). */
export function keyUsage(bits: number[]): Uint8Array {
  let byte = 0;
  for (const b of bits) byte |= 0x80 >> b;
  const unused = byte === 0 ? 0 : 31 - Math.clz32(byte & -byte);
  return extension(OID.keyUsage, true, bitString(Uint8Array.of(byte), unused));
}

export const extKeyUsage = (oids: string[]) => extension(OID.extKeyUsage, false, seq(...oids.map(oid)));

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(subjectPublicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha1").update(subjectPublicKey).digest());
}

export const subjectKeyIdentifier = (id: Uint8Array) => extension(OID.subjectKeyIdentifier, false, octets(id));
export const authorityKeyIdentifier = (id: Uint8Array) =>
  extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, id)));
export const extensionsField = (exts: Uint8Array[]) => tlv(0xa3, seq(concat(exts)));
