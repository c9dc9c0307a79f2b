/** Findings about the upload itself: size, encoding, what kind of object it holds (lib/pki/decode.ts, check.ts). */
import type { FindingSpec } from "./spec";

const PORTAL = "Portal policy";
const REUPLOAD = "Upload a PEM or DER certificate, CSR or .p7b file.";

export const INPUT_FINDINGS = {
  PRIVATE_KEY_DETECTED: {
    severity: "error",
    title: "The upload contains a private key",
    meaning:
      "A private key was found somewhere in the upload: as a PEM block (any armour), DER (alone, appended or " +
      "inside PKCS#7), base64, base64url or hex text, a PEM header, PKCS#8 (plain or encrypted), PKCS#1, SEC1, " +
      "OpenSSH, PKCS#12 or PVK. The whole upload is refused and nothing of it is kept or logged. The key has left " +
      "its owner's systems, so it must be treated as compromised.",
    fix:
      "Generate a new key pair, make a new CSR (or self-signed certificate) from it and upload only that; stop " +
      "using the old key everywhere.",
    source: "DESIGN §4: private keys are never accepted, stored or logged",
  },
  CHECK_TIME_LIMIT: {
    severity: "error",
    title: "The file took too long to check",
    meaning:
      "Each check has a limit on its processing time (PORTAL_CHECK_TIME_LIMIT_MS, 5 s of CPU by default) so " +
      "that one file cannot stall the portal for everyone; this one exceeded it and was refused. Nothing was stored.",
    fix: "Upload only the certificates of one chain or trust store, as PEM.",
    source: PORTAL,
  },
  UNSAFE_CHARACTERS: {
    severity: "warning",
    title: "Control or bidirectional characters in a name",
    meaning:
      "A file name or a subject/issuer field holds control or bidirectional-formatting characters (e.g. " +
      "U+202E, right-to-left override), which make text display as something else (evil⟨U+202E⟩gnp.pem shows " +
      "as evilmep.png). The portal shows them as ⟨U+XXXX⟩ everywhere.",
    fix: "Rename the file, or issue the certificate or CSR again without those characters in its subject.",
    source: "Unicode TR #36 §2.2; CVE-2021-42574",
  },
  INPUT_TOO_LARGE: {
    severity: "error",
    title: "The input is larger than 1 MiB",
    meaning: "No CSR, certificate chain or trust store of these kinds is that large; the input is not read.",
    fix: "Upload only the CSR or the certificates of one chain, as PEM or DER.",
    source: PORTAL,
  },
  INPUT_EMPTY: {
    severity: "error",
    title: "The input is empty",
    meaning: "Nothing was uploaded or pasted.",
    fix: "Choose the .csr, .pem, .crt, .cer, .der or .p7b file, or paste the PEM text.",
    source: PORTAL,
  },
  NO_PEM_FOUND: {
    severity: "error",
    title: "No PEM block in the text",
    meaning: "The text has no -----BEGIN …----- line, so no certificate or CSR can be read from it.",
    fix: "Paste the whole PEM block, including its BEGIN and END lines.",
    source: "RFC 7468 §2",
  },
  PEM_MALFORMED: {
    severity: "error",
    title: "A PEM block is damaged",
    meaning: "The body of a PEM block is not valid base64, or its END line does not match its BEGIN line.",
    fix: "Copy the whole block again, from -----BEGIN to -----END, without editing it.",
    source: "RFC 7468 §2",
  },
  PEM_TRUNCATED: {
    severity: "error",
    title: "A PEM block has no END line",
    meaning: "The text was cut: a block starts but never ends.",
    fix: "Copy the whole block, including the -----END …----- line.",
    source: "RFC 7468 §2",
  },
  PEM_BLOCK_IGNORED: {
    severity: "warning",
    title: "A PEM block of another type was ignored",
    meaning: "The block is neither a certificate, a CSR, a PKCS#7 bundle nor a CRL.",
    fix: "Remove the block if it does not belong to the upload.",
    source: "RFC 7468 §4",
  },
  UNRECOGNIZED_OBJECT: {
    severity: "error",
    title: "An object is neither a certificate, a CSR nor a PKCS#7 bundle",
    meaning: "A PEM block or binary object has a structure the portal does not accept.",
    fix: REUPLOAD,
    source: "X.509 §7, RFC 2986 §4, RFC 5652",
  },
  UNRECOGNIZED_INPUT: {
    severity: "error",
    title: "The binary input is not DER",
    meaning: "The file is binary but not a DER structure.",
    fix: REUPLOAD,
    source: "X.690 (DER)",
  },
  NOTHING_FOUND: {
    severity: "error",
    title: "No certificate or CSR found",
    meaning: "The input was read but held nothing usable.",
    fix: REUPLOAD,
    source: PORTAL,
  },
  TOO_MANY_CERTIFICATES: {
    severity: "error",
    title: "Too many certificates",
    meaning: "More than 100 certificates were supplied; only the first 100 were read.",
    fix: "Upload one chain (leaf, intermediates, root) or one trust store at a time.",
    source: PORTAL,
  },
  DUPLICATE_CERTIFICATE: {
    severity: "warning",
    title: "A certificate was given more than once",
    meaning: "The copies were dropped; the stored file keeps one of each.",
    fix: "Nothing to do, or remove the copy from your file.",
    source: PORTAL,
  },
  PUBLIC_KEY_IGNORED: {
    severity: "warning",
    title: "A bare public key was ignored",
    meaning: "Thales needs a CSR or a certificate, not a public key.",
    fix: "Upload the CSR (openssl req -new …) instead of the public key.",
    source: "DESIGN §2",
  },
  CRL_IGNORED: {
    severity: "info",
    title: "A CRL was ignored",
    meaning: "Certificate revocation lists are not part of these assets.",
    fix: "Nothing to do.",
    source: PORTAL,
  },
  PKCS7_MALFORMED: {
    severity: "error",
    title: "A PKCS#7 bundle could not be read",
    meaning: "The .p7b/.p7c structure is broken.",
    fix: "Export it again (openssl pkcs7 -print_certs -in bundle.p7b -out chain.pem) and upload the PEM.",
    source: "RFC 5652 §5",
  },
  PKCS7_SIGNED_DATA: {
    severity: "info",
    title: "A signed PKCS#7 message was read for its certificates",
    meaning: "Only the certificates of the message were read; its content and signatures were not.",
    fix: "Nothing to do.",
    source: "RFC 5652 §5",
  },
  PKCS7_ENTRIES_IGNORED: {
    severity: "info",
    title: "Non-X.509 entries of a PKCS#7 bundle were ignored",
    meaning: "The bundle holds attribute or other certificate types the portal does not use.",
    fix: "Nothing to do.",
    source: "RFC 5652 §10.2.2",
  },
  CERTIFICATE_MALFORMED: {
    severity: "error",
    title: "A certificate could not be read",
    meaning: "The object looks like a certificate but its DER structure is invalid.",
    fix: "Export the certificate again as PEM (openssl x509 -in cert -out cert.pem) and re-upload it.",
    source: "RFC 5280 §4.1",
  },
  CSR_MALFORMED: {
    severity: "error",
    title: "The CSR could not be read",
    meaning: "The object looks like a CSR but is invalid.",
    fix: "Generate the CSR again with openssl req -new and upload the .csr file unchanged.",
    source: "RFC 2986 §4",
  },
  INTERNAL_CHECK_ERROR: {
    severity: "error",
    title: "The file could not be checked",
    meaning: "An internal error stopped the check; nothing was stored.",
    fix: "Export the file again as PEM; if it persists, contact the Thales delivery team.",
    source: PORTAL,
  },
  ASSET_NOT_FOR_PROGRAM: {
    severity: "error",
    title: "This kind of asset is not used by the program",
    meaning: "D1 customers send a CSR that Thales signs; TSH customers send a self-signed certificate.",
    fix: "Upload the client credential the program uses (CSR for D1 and D1 eCom, certificate for TSH).",
    source: "DESIGN §2 (D1 and TSH reference pages)",
  },
  WRONG_OBJECT_KIND: {
    severity: "error",
    title: "The file holds another kind of object than expected",
    meaning: "For example a certificate where a CSR was expected, or a CSR where a chain was expected.",
    fix: "Upload the file of the kind the page asks for.",
    source: PORTAL,
  },
  MULTIPLE_CSRS: {
    severity: "error",
    title: "More than one CSR",
    meaning: "One CSR is needed per identifier and environment.",
    fix: "Upload each CSR separately.",
    source: "DESIGN §3",
  },
  CERTIFICATES_IGNORED: {
    severity: "warning",
    title: "Certificates beside the CSR were ignored",
    meaning: "A CSR was expected; the certificates in the file were not read.",
    fix: "Upload the CSR alone.",
    source: PORTAL,
  },
  MULTIPLE_CERTIFICATES: {
    severity: "error",
    title: "More than one client certificate",
    meaning: "TSH pins exactly one self-signed client certificate.",
    fix: "Upload only the client certificate.",
    source: "TSH reference: self-signed certificate requirements",
  },
  EXTRA_CERTIFICATES_IGNORED: {
    severity: "info",
    title: "Other certificates beside the client certificate were not checked",
    meaning: "Only the client certificate is checked (the others are, e.g., the Thales CA).",
    fix: "Nothing to do.",
    source: PORTAL,
  },
} as const satisfies Record<string, FindingSpec>;
