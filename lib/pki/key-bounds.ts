/**
 * Bounds on RSA public keys, checked on the DER before any signature verification. Verifying with a public
 * exponent of thousands of bits or a 100 000-bit modulus costs seconds of CPU each, and a hostile trust store
 * can ask for thousands of them (issue #10). No CA issues such keys: 65537 is universal, RFC 8017 allows any
 * odd e but CA/B Forum BR §6.1.6 caps it at 2^256 - 1 and real stacks (Go: 2^31-1, BoringSSL: 33 bits) lower.
 */
import { error, type Finding } from "./findings";
import type { PublicKeyInfo } from "./public-key";

/** e < 2^32 (BoringSSL's limit, 33 bits with the top bit clear). */
export const MAX_RSA_EXPONENT_BITS = 32;
/** Go's crypto/rsa and BoringSSL refuse larger moduli for verification. */
export const MAX_RSA_MODULUS_BITS = 16384;

const isRsa = (k: PublicKeyInfo) => k.type === "rsa" || k.type === "rsa-pss";

/** Why this key must not be used for any verification, or undefined when it may. */
export function keyOutOfBounds(k: PublicKeyInfo): string | undefined {
  if (!isRsa(k)) return undefined;
  if ((k.bits ?? 0) > MAX_RSA_MODULUS_BITS)
    return `its RSA modulus has ${k.bits} bits (at most ${MAX_RSA_MODULUS_BITS})`;
  if ((k.exponentBits ?? 0) > MAX_RSA_EXPONENT_BITS)
    return `its RSA public exponent has ${k.exponentBits} bits (at most ${MAX_RSA_EXPONENT_BITS}; 65537 is the norm)`;
  return undefined;
}

/** The findings for one key, named `what` ("Certificate \"CN=X\"", "The CSR"). */
export function keyBoundFindings(k: PublicKeyInfo, what: string): Finding[] {
  if (!isRsa(k)) return [];
  const f: Finding[] = [];
  if ((k.bits ?? 0) > MAX_RSA_MODULUS_BITS) {
    f.push(
      error(
        "RSA_MODULUS_TOO_LARGE",
        `${what} has a ${k.bits}-bit RSA modulus; the portal accepts at most ${MAX_RSA_MODULUS_BITS} bits and did not verify any signature with it.`,
        "Use an RSA 2048, 3072 or 4096 key, or EC P-256.",
      ),
    );
  }
  if ((k.exponentBits ?? 0) > MAX_RSA_EXPONENT_BITS) {
    f.push(
      error(
        "RSA_EXPONENT_TOO_LARGE",
        `${what} has a ${k.exponentBits}-bit RSA public exponent; the portal accepts exponents below 2^${MAX_RSA_EXPONENT_BITS} and did not verify any signature with it.`,
        "Generate the key with the standard exponent 65537 (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096).",
      ),
    );
  }
  return f;
}
