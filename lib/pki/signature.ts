/**
 * Signature verification on node:crypto. A failure to import the key or an unsupported algorithm is reported
 * as such, never as a silent `false` (the pitfall STYLE.md §8 warns about).
 */
import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import type { SignatureAlgorithm } from "./algorithm";
import { keyOutOfBounds } from "./key-bounds";
import type { PublicKeyInfo } from "./public-key";

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: "invalid-signature" | "unsupported-algorithm" | "unusable-key" | "key-algorithm-mismatch";
      detail: string;
    };

/** Import an SPKI DER as a KeyObject, or explain why it cannot be used. */
export function importSpki(spkiDer: Uint8Array, keyInfo?: PublicKeyInfo): KeyObject | { error: string } {
  const bound = keyInfo && keyOutOfBounds(keyInfo);
  if (bound) return { error: bound };
  try {
    // OpenSSL 3's SPKI decoder costs ~2x a JWK import for EC keys; build the JWK from the uncompressed point.
    const size = keyInfo?.type === "ec" ? EC_SIZES[keyInfo.curve ?? ""] : undefined;
    if (size && spkiDer.length > 2 * size + 1 && spkiDer[spkiDer.length - 2 * size - 1] === 0x04) {
      const point = spkiDer.subarray(spkiDer.length - 2 * size);
      const b64u = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64url");
      return createPublicKey({
        key: { kty: "EC", crv: keyInfo!.curve!, x: b64u(point.subarray(0, size)), y: b64u(point.subarray(size)) },
        format: "jwk",
      });
    }
    return createPublicKey({
      key: Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength),
      format: "der",
      type: "spki",
    });
  } catch (e) {
    return { error: e instanceof Error ? e.message : "cannot import key" };
  }
}

/**
 * Issuer keys repeat across checks (the same intermediates, customer roots, Mozilla roots and Thales CAs come back
 * upload after upload) and importing one costs as much as a verification. Only keys that verify something are
 * imported (issuers, and CSR keys through importSpki), so a bounded LRU of the last 256 SPKIs serves the common case;
 * the key is the SPKI's bytes, so a hit is the same key by construction. Refusals (out of bounds) are not cached.
 */
const KEY_CACHE_SIZE = 256;
const keyCache = new Map<string, KeyObject>();

export function importSpkiCached(spkiDer: Uint8Array, keyInfo?: PublicKeyInfo): KeyObject | { error: string } {
  const id = Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength).toString("latin1");
  const hit = keyCache.get(id);
  if (hit) {
    keyCache.delete(id);
    keyCache.set(id, hit);
    return hit;
  }
  const key = importSpki(spkiDer, keyInfo);
  if ("error" in key) return key;
  keyCache.set(id, key);
  if (keyCache.size > KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  return key;
}

const EC_SIZES: Record<string, number> = { "P-256": 32, "P-384": 48, "P-521": 66 };

function keyFits(alg: SignatureAlgorithm, key: PublicKeyInfo): boolean {
  if (alg.keyType === "rsa") return key.type === "rsa" || key.type === "rsa-pss";
  return alg.keyType === key.type;
}

/** Verify `signature` over `data` with a public key. Never throws. */
export function verifySignature(params: {
  algorithm: SignatureAlgorithm;
  data: Uint8Array;
  signature: Uint8Array;
  key: KeyObject | { error: string };
  keyInfo: PublicKeyInfo;
}): VerifyResult {
  const { algorithm, key, keyInfo } = params;
  if (algorithm.hash === undefined || algorithm.keyType === "unknown") {
    return {
      ok: false,
      reason: "unsupported-algorithm",
      detail: `signature algorithm ${algorithm.name} is not supported`,
    };
  }
  if (!keyFits(algorithm, keyInfo)) {
    return {
      ok: false,
      reason: "key-algorithm-mismatch",
      detail: `${algorithm.name} cannot be made with a ${keyInfo.description} key`,
    };
  }
  // Checked on the DER summary, so a hostile key costs nothing even when the caller imported it elsewhere.
  const bound = keyOutOfBounds(keyInfo);
  if (bound) return { ok: false, reason: "unusable-key", detail: `the public key cannot be used: ${bound}` };
  if ("error" in key)
    return { ok: false, reason: "unusable-key", detail: `the public key cannot be used: ${key.error}` };
  try {
    const opts =
      algorithm.pssSaltLength !== undefined
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pssSaltLength }
        : key;
    const ok = verify(algorithm.hash, params.data, opts, params.signature);
    return ok ? { ok: true } : { ok: false, reason: "invalid-signature", detail: "the signature does not verify" };
  } catch (e) {
    // OpenSSL 3 refuses MD2/MD4 (legacy provider) and malformed signatures with an exception.
    const msg = e instanceof Error ? e.message : String(e);
    if (/digest|unsupported|not supported|invalid digest/i.test(msg)) {
      return {
        ok: false,
        reason: "unsupported-algorithm",
        detail: `${algorithm.name} is not supported by this runtime`,
      };
    }
    return { ok: false, reason: "invalid-signature", detail: "the signature is malformed" };
  }
}
