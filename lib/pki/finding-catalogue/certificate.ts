/** Findings about one certificate's structure, key, signature and validity (certificate-checks.ts, common.ts). */
import type { FindingSpec } from "./spec";

export const CERTIFICATE_FINDINGS = {
  SIGNATURE_ALGORITHM_MISMATCH: {
    severity: "error",
    title: "The certificate names two different signature algorithms",
    meaning: "The outer signatureAlgorithm and the inner signature field must be identical.",
    fix: "Ask the CA to issue the certificate again.",
    source: "RFC 5280 §4.1.1.2",
  },
  EXTENSION_DUPLICATE: {
    severity: "error",
    title: "An extension appears twice",
    meaning: "A certificate or CSR must not include more than one instance of an extension.",
    fix: "Create the CSR or certificate again without the repeated extension.",
    source: "RFC 5280 §4.2",
  },
  UNKNOWN_CRITICAL_EXTENSION: {
    severity: "error",
    title: "A critical extension is not understood",
    meaning: "A certificate with a critical extension the verifier does not recognise must be rejected.",
    fix: "Ask the CA for a certificate without that critical extension.",
    source: "RFC 5280 §4.2",
  },
  KEY_TOO_WEAK: {
    severity: "error",
    title: "The key is too weak",
    meaning: "RSA keys shorter than 2048 bits are refused.",
    fix: "Issue the certificate for a key of at least RSA 2048 (better: EC P-256).",
    source: "NIST SP 800-131A",
  },
  RSA_MODULUS_TOO_LARGE: {
    severity: "error",
    title: "The RSA modulus is too large to verify",
    meaning:
      "RSA keys above 16384 bits are refused before any signature is verified with them: each check would " +
      "cost seconds of CPU, and no CA issues such keys.",
    fix: "Use an RSA 2048, 3072 or 4096 key, or EC P-256.",
    source: "Portal policy (Go crypto/rsa and BoringSSL limits)",
  },
  RSA_EXPONENT_TOO_LARGE: {
    severity: "error",
    title: "The RSA public exponent is too large",
    meaning:
      "RSA public exponents of 2^32 or more are refused before any signature is verified with them: a " +
      "hostile exponent makes each check cost seconds of CPU. Real keys use 65537.",
    fix: "Generate the key with the standard exponent 65537.",
    source: "CA/B Forum BR §6.1.6; BoringSSL limit",
  },
  KEY_CURVE_NOT_ALLOWED: {
    severity: "error",
    title: "The elliptic curve is not accepted",
    meaning: "Only P-256, P-384 and P-521 are accepted.",
    fix: "Use a P-256 or P-384 key.",
    source: "RFC 5480 §2.1.1",
  },
  KEY_NOT_ALLOWED: {
    severity: "error",
    title: "The key type or size is not accepted",
    meaning: "Each program lists the keys it accepts for the client credential; TLS needs RSA or ECDSA.",
    fix: "Generate a key of an accepted type and size, then a new CSR or certificate.",
    source: "DESIGN §2 (D1 and TSH reference pages)",
  },
  SIGNATURE_HASH_WEAK: {
    severity: "error",
    title: "Signed with SHA-1 or MD5",
    meaning: "These hashes are broken; SHA-256 is required.",
    fix: "Sign again with -sha256.",
    source: "DESIGN §2; CA/Browser Forum BR §7.1.3",
  },
  VALIDITY_INVERTED: {
    severity: "error",
    title: "The certificate expires before it starts",
    meaning: "notAfter is earlier than notBefore.",
    fix: "Create the certificate again with a correct validity.",
    source: "RFC 5280 §4.1.2.5",
  },
  CERTIFICATE_NOT_YET_VALID: {
    severity: "error",
    title: "The certificate is not valid yet",
    meaning: "Its notBefore is in the future.",
    fix: "Check the clock of the machine that created it, or wait until then.",
    source: "RFC 5280 §4.1.2.5",
  },
  CERTIFICATE_EXPIRED: {
    severity: "error",
    title: "The certificate has expired",
    meaning: "Its notAfter is in the past.",
    fix: "Renew it and upload the new one.",
    source: "RFC 5280 §4.1.2.5",
  },
  CERTIFICATE_EXPIRES_SOON: {
    severity: "warning",
    title: "The certificate expires within 30 days",
    meaning: "It is valid today but will need renewing soon (the 30-day expiry threshold).",
    fix: "Plan its renewal now.",
    source: "DESIGN §7: expiry thresholds",
  },
} as const satisfies Record<string, FindingSpec>;
