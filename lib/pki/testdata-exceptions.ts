/**
 * x509-limbo cases where the portal's verdict deliberately differs from upstream, each with the reason and,
 * where the portal still reports the issue, the warning it gives (the test checks it is there). The portal
 * rejects what a TLS client rejects (RFC 5280 §6, RFC 6125, EKU, name constraints, strict structure) and warns
 * about CA/B Forum issuance rules that clients such as OpenSSL, Go and Java accept (decision 018): rejecting
 * those would send a customer on a private CA to fix a chain that works.
 * The conformance test fails if a case listed here starts to agree (stale entry) or an unlisted case disagrees.
 */

export const LIMBO_REASONS = {
  REVOCATION:
    "The portal checks uploaded chains offline and does not evaluate CRLs/OCSP; Thales' TLS stack does revocation at connection time.",
  KEY_IDENTIFIERS:
    "Missing key identifiers and CA/B-style AKI fields on roots are warnings: clients build paths by name and signature without them, and Mozilla-trusted roots (QuoVadis Root CA 2/3, Certigna, TWCA Global Root CA) carry exactly these.",
  NC_PROFILE:
    "Name constraints are enforced whatever their criticality (a warning says a non-critical one may be ignored by some client); name constraints in an end-entity certificate constrain nothing and only get a warning.",
  POLICY_PROFILE:
    "A non-critical policyConstraints extension is a CA profile slip (RFC 5280 §4.2.1.11) that does not change what the chain authorizes for a portal that asserts no policy: warning.",
  SERIAL_PROFILE:
    "Zero or over-long serial numbers are accepted by TLS clients (six Mozilla roots have serial 0 or similar); warning.",
  CN_COPY:
    "CA/B BR §7.1.4.3 (CN must copy a SAN) is an issuance rule: clients match only the SAN (RFC 6125 §6.4.4), so a private CA's CN does not break TLS; warning.",
  EKU_PROFILE:
    "CA/B rules on EKU form (absent, anyExtendedKeyUsage or critical in the leaf, present in the root) are warnings: RFC 5280 §4.2.1.12 allows them and TLS clients accept them. An EKU that excludes serverAuth, in the leaf or any CA, is an error.",
  SAN_CRITICAL:
    "A critical subjectAltName with a non-empty subject (CA/B BR §7.1.2.7.12) is understood by every client; warning.",
  RSA_SIZE_PROFILE:
    "RSA sizes not divisible by 8 (CA/B BR §6.1.5) verify fine in every client; only sizes below 2048 are errors.",
  CA_AS_LEAF:
    "A CA certificate presented as the server's own certificate is refused (LEAF_IS_CA), as x509-limbo's own webpki::ca-as-leaf and CA/B BR §7.1.2.7.8 expect; the RFC 5280 variants that accept it conflict with that case (and OpenSSL's sslserver purpose refuses them too: their key usage allows no handshake).",
} as const;

type Exception = { reason: keyof typeof LIMBO_REASONS; warning?: string };
const x = (reason: keyof typeof LIMBO_REASONS, warning?: string): Exception =>
  warning ? { reason, warning } : { reason };

export const LIMBO_EXCEPTIONS: Record<string, Exception> = {
  "crl::revoked-certificate-with-crl": x("REVOCATION"),
  "crl::crlnumber-missing": x("REVOCATION"),
  "crl::crlnumber-critical": x("REVOCATION"),
  "crl::issuer-missing-crlsign": x("REVOCATION"),
  "rfc5280::aki::leaf-missing-aki": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "rfc5280::aki::intermediate-missing-aki": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "rfc5280::aki::cross-signed-root-missing-aki": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "rfc5280::ski::root-missing-ski": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "rfc5280::ski::intermediate-missing-ski": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "webpki::aki::root-with-aki-missing-keyidentifier": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_MISSING"),
  "webpki::aki::root-with-aki-authoritycertissuer": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_NONCONFORMING"),
  "webpki::aki::root-with-aki-authoritycertserialnumber": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_NONCONFORMING"),
  "webpki::aki::root-with-aki-all-fields": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_NONCONFORMING"),
  "webpki::aki::root-with-aki-ski-mismatch": x("KEY_IDENTIFIERS", "KEY_IDENTIFIER_NONCONFORMING"),
  "rfc5280::nc::permitted-dns-match-noncritical": x("NC_PROFILE", "NAME_CONSTRAINTS_NOT_CRITICAL"),
  "rfc5280::nc::not-allowed-in-ee-noncritical": x("NC_PROFILE", "NAME_CONSTRAINTS_IN_LEAF"),
  "rfc5280::nc::not-allowed-in-ee-critical": x("NC_PROFILE", "NAME_CONSTRAINTS_IN_LEAF"),
  "rfc5280::pc::ica-noncritical-pc": x("POLICY_PROFILE", "POLICY_CONSTRAINTS_NOT_CRITICAL"),
  "rfc5280::serial::too-long": x("SERIAL_PROFILE", "SERIAL_NUMBER_NONCONFORMING"),
  "rfc5280::serial::zero": x("SERIAL_PROFILE", "SERIAL_NUMBER_NONCONFORMING"),
  "webpki::cn::ipv4-hex-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::ipv4-leading-zeros-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::ipv6-uppercase-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::ipv6-uncompressed-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::ipv6-non-rfc5952-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::punycode-not-in-san": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::utf8-vs-punycode-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::not-in-san": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::cn::case-mismatch": x("CN_COPY", "LEAF_CN_NOT_IN_SAN"),
  "webpki::eku::ee-anyeku": x("EKU_PROFILE", "LEAF_EKU_ANY"),
  "webpki::eku::ee-critical-eku": x("EKU_PROFILE", "LEAF_EKU_CRITICAL"),
  "webpki::eku::ee-without-eku": x("EKU_PROFILE", "LEAF_EKU_MISSING"),
  "webpki::eku::root-has-eku": x("EKU_PROFILE", "ROOT_HAS_EKU"),
  "webpki::san::san-critical-with-nonempty-subject": x("SAN_CRITICAL", "SAN_CRITICAL"),
  "webpki::forbidden-rsa-not-divisible-by-8-in-root": x("RSA_SIZE_PROFILE", "KEY_SIZE_NOT_MULTIPLE_OF_8"),
  "webpki::forbidden-rsa-key-not-divisible-by-8-in-leaf": x("RSA_SIZE_PROFILE", "KEY_SIZE_NOT_MULTIPLE_OF_8"),
  "rfc5280::ca-as-leaf": x("CA_AS_LEAF"),
  "pathlen::validation-ignores-pathlen-in-leaf": x("CA_AS_LEAF"),
};
