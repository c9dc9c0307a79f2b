/** Per-certificate checks used by chain analysis (RFC 5280 §4.1-4.2 plus baseline web-PKI hygiene). */
import { error, type Finding } from "./findings";
import { PROCESSED_EXTENSIONS } from "./oids";
import type { ParsedCertificate } from "./parse-certificate";
import { checkValidityAt } from "./policy/common";
import { visible } from "./visible-text";

/** Short human name of a certificate for messages: its CN, else its whole subject. */
export function describeCert(c: ParsedCertificate): string {
  const cn = c.summary.subject.rdns.flat().find((a) => a.type === "CN")?.value;
  return `"${cn !== undefined ? visible(cn) : c.summary.subject.rfc4514 || "(empty subject)"}"`;
}

/** Structure, extensions, key strength and validity of one certificate. `anchorSelfSig` skips the hash rule for roots. */
export function checkCertificate(c: ParsedCertificate, now: Date, opts: { isSelfSignedRoot: boolean }): Finding[] {
  const f: Finding[] = [];
  const name = describeCert(c);
  const s = c.summary;
  if (!c.algorithmsMatch) {
    f.push(
      error(
        "SIGNATURE_ALGORITHM_MISMATCH",
        `Certificate ${name} names two different signature algorithms (RFC 5280 §4.1.1.2).`,
      ),
    );
  }
  for (const d of c.duplicateExtensions) {
    f.push(error("EXTENSION_DUPLICATE", `Certificate ${name} has the ${d} extension twice (RFC 5280 §4.2).`));
  }
  for (const e of s.extensions) {
    if (e.critical && !PROCESSED_EXTENSIONS.has(e.oid)) {
      f.push(
        error(
          "UNKNOWN_CRITICAL_EXTENSION",
          `Certificate ${name} has a critical extension the portal does not understand (${e.name}); RFC 5280 §4.2 requires rejecting it.`,
        ),
      );
    }
  }
  if (s.publicKey.type === "rsa" && (s.publicKey.bits ?? 0) < 2048) {
    f.push(
      error("KEY_TOO_WEAK", `Certificate ${name} has a ${s.publicKey.description} key; at least RSA 2048 is needed.`),
    );
  } else if (s.publicKey.type === "ec" && !["P-256", "P-384", "P-521"].includes(s.publicKey.curve ?? "")) {
    f.push(
      error(
        "KEY_CURVE_NOT_ALLOWED",
        `Certificate ${name} uses curve ${s.publicKey.curve}; only P-256, P-384 and P-521 are accepted (RFC 5480 §2.1.1).`,
      ),
    );
  } else if (s.publicKey.type === "dsa" || s.publicKey.type === "unknown") {
    f.push(
      error("KEY_NOT_ALLOWED", `Certificate ${name} has a ${s.publicKey.description} key; TLS needs RSA or ECDSA.`),
    );
  }
  // A root's self-signature is not relied upon (RFC 5280 §6.1.1(d)), so its hash does not matter.
  if (!opts.isSelfSignedRoot && /^(md|sha1$)/.test(s.signatureAlgorithm.hash)) {
    f.push(
      error(
        "SIGNATURE_HASH_WEAK",
        `Certificate ${name} is signed with ${s.signatureAlgorithm.name}; SHA-1 and MD5 are no longer accepted.`,
        "Ask the CA for a certificate signed with SHA-256.",
      ),
    );
  }
  f.push(...checkValidityAt(c.notBefore, c.notAfter, now, `certificate ${name}`));
  return f;
}
