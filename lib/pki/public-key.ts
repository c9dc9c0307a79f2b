/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) → key type and size, read from DER without importing the key. */
import { createHash } from "node:crypto";
import { children, content, DerError, expectTag, integerBitLength, readBitString, readOid, type Tlv } from "./der";
import { CURVES, OID } from "./oids";

export type KeyType = "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa" | "unknown";

export type PublicKeyInfo = {
  type: KeyType;
  /** RSA/DSA modulus bits, EC field size. */
  bits?: number;
  /** RSA public exponent bits (17 for 65537): bounded before any verification (lib/pki/key-bounds.ts). */
  exponentBits?: number;
  /** EC named curve: "P-256", "P-384", … or "explicit" for explicit parameters (RFC 5480 §2.1.1 forbids them). */
  curve?: string;
  /** "RSA 4096", "EC P-256", "Ed25519". */
  description: string;
  algorithmOid: string;
};

const CURVE_BITS: Record<string, number> = {
  "P-256": 256,
  "P-384": 384,
  "P-521": 521,
  "P-192": 192,
  "P-224": 224,
  secp256k1: 256,
};

/** Read key information from an SPKI TLV. Throws DerError when malformed. */
export function readPublicKeyInfo(buf: Uint8Array, spki: Tlv): PublicKeyInfo {
  const [algT, keyT] = children(buf, expectTag(spki, 0x30, "SubjectPublicKeyInfo"));
  const [oidT, paramT] = children(buf, expectTag(algT, 0x30, "AlgorithmIdentifier"));
  const algorithmOid = readOid(buf, oidT);
  const key = readBitString(buf, keyT).bytes;
  switch (algorithmOid) {
    case OID.rsaEncryption:
    case OID.rsaPss: {
      const rsa = readTlvAt(key);
      const [nT, eT] = children(key, expectTag(rsa, 0x30, "RSAPublicKey"));
      const bits = integerBitLength(content(key, expectTag(nT, 0x02, "modulus")));
      const exponentBits = integerBitLength(content(key, expectTag(eT, 0x02, "publicExponent")));
      const type = algorithmOid === OID.rsaPss ? "rsa-pss" : "rsa";
      return { type, bits, exponentBits, description: `${type === "rsa" ? "RSA" : "RSA-PSS"} ${bits}`, algorithmOid };
    }
    case OID.ecPublicKey: {
      const curve = paramT?.tag === 0x06 ? (CURVES[readOid(buf, paramT)] ?? readOid(buf, paramT)) : "explicit";
      const bits = CURVE_BITS[curve];
      return { type: "ec", curve, ...(bits ? { bits } : {}), description: `EC ${curve}`, algorithmOid };
    }
    case OID.ed25519:
      return { type: "ed25519", bits: 256, description: "Ed25519", algorithmOid };
    case OID.ed448:
      return { type: "ed448", bits: 456, description: "Ed448", algorithmOid };
    case OID.dsa: {
      let bits: number | undefined;
      if (paramT?.tag === 0x30) {
        const [pT] = children(buf, paramT);
        if (pT?.tag === 0x02) bits = integerBitLength(content(buf, pT));
      }
      return { type: "dsa", ...(bits ? { bits } : {}), description: bits ? `DSA ${bits}` : "DSA", algorithmOid };
    }
    default:
      return { type: "unknown", description: `unknown key algorithm ${algorithmOid}`, algorithmOid };
  }
}

function readTlvAt(b: Uint8Array): Tlv {
  // The RSA key sits inside the BIT STRING; parse it as its own buffer.
  if (b.length < 2) throw new DerError("empty key");
  return children(b, { tag: 0x30, constructed: true, start: 0, headerEnd: 0, contentEnd: b.length, end: b.length })[0]!;
}

/** SPKI SHA-256 pin, base64 (RFC 7469 §2.4; what `curl --pinnedpubkey sha256//…` takes). */
export function spkiPin(spkiDer: Uint8Array): string {
  return createHash("sha256").update(spkiDer).digest("base64");
}
