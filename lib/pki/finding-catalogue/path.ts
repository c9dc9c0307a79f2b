/**
 * Findings of RFC 5280 §6 path validation, name constraints and host matching (path-validate.ts,
 * name-constraints.ts, server-leaf.ts). Errors are what a TLS client refuses; warnings are CA/B Forum or
 * RFC 5280 profile rules that clients accept (decision 018).
 */
import type { FindingSpec } from "./spec";

const NEW_CA_CERT = "Ask the CA for a corrected CA certificate.";
const NEXT_ISSUANCE = "Nothing blocks TLS; ask the CA to fix it at the next issuance.";

export const PATH_FINDINGS = {
  NAME_CONSTRAINT_VIOLATION: {
    severity: "error",
    title: "A name is outside a CA's name constraints",
    meaning:
      "A CA on the path restricts the names it may certify (DNS, IP, e-mail, URI, directory names; permitted and excluded subtrees) and a certificate below it has a name it may not, or a malformed one. A wildcard counts as every name it can stand for.",
    fix: "Use a name the CA may issue for, or a CA allowed to issue for it.",
    source: "RFC 5280 §4.2.1.10, §6.1.3(b)-(c)",
  },
  NAME_CONSTRAINTS_MALFORMED: {
    severity: "error",
    title: "A CA's name constraints are malformed",
    meaning:
      "The constraint cannot be applied as written (no subtree, a dNSName with a wildcard or leading period, an IP mask that is not a prefix, minimum/maximum set), so the chain cannot be shown to respect it.",
    fix: NEW_CA_CERT,
    source: "RFC 5280 §4.2.1.10",
  },
  NAME_CONSTRAINTS_UNSUPPORTED: {
    severity: "error",
    title: "A name constraint of a type the portal cannot evaluate applies",
    meaning:
      "The CA constrains a name type (otherName, x400Address, ediPartyName, registeredID) that a certificate below it carries; RFC 5280 requires rejecting what cannot be evaluated.",
    fix: NEW_CA_CERT,
    source: "RFC 5280 §4.2.1.10",
  },
  NAME_CONSTRAINTS_TOO_COMPLEX: {
    severity: "error",
    title: "Name constraints too large to check",
    meaning:
      "Names × constraints exceed 250,000 comparisons (Go's limit); clients refuse such chains rather than spend quadratic time.",
    fix: "Use a CA with fewer name constraints, or a certificate with fewer names.",
    source: "Portal policy (decision 018)",
  },
  NAME_CONSTRAINTS_NOT_CRITICAL: {
    severity: "warning",
    title: "Name constraints are not critical",
    meaning:
      "RFC 5280 says name constraints must be critical. The portal enforces them anyway; a client that does not know them might not.",
    fix: NEXT_ISSUANCE,
    source: "RFC 5280 §4.2.1.10",
  },
  NAME_CONSTRAINTS_IN_LEAF: {
    severity: "warning",
    title: "An end-entity certificate carries name constraints",
    meaning: "Only CA certificates may carry name constraints; in a leaf they constrain nothing and are ignored.",
    fix: NEXT_ISSUANCE,
    source: "RFC 5280 §4.2.1.10",
  },
  CA_EKU_NOT_SERVER_AUTH: {
    severity: "error",
    title: "A CA on the path is restricted to other purposes",
    meaning:
      "A CA whose extended key usage omits serverAuth cannot vouch for TLS server certificates below it (EKU nesting, enforced by OpenSSL, BoringSSL and Go): e.g. a private client-auth sub-CA.",
    fix: "Use a CA whose extendedKeyUsage includes serverAuth (or has none).",
    source: "RFC 5280 §4.2.1.12; CA/B BR §7.1.2.2",
  },
  CA_EKU_NOT_CLIENT_AUTH: {
    severity: "error",
    title: "A CA on the path is not for client authentication",
    meaning: "When a chain is judged for TLS clients, every CA that restricts its EKU must allow clientAuth.",
    fix: "Use a CA whose extendedKeyUsage includes clientAuth (or has none).",
    source: "RFC 5280 §4.2.1.12",
  },
  BASIC_CONSTRAINTS_NOT_CRITICAL: {
    severity: "error",
    title: "A CA's basicConstraints is not critical",
    meaning: "CA certificates must mark basicConstraints critical; OpenSSL's strict mode refuses the chain.",
    fix: NEW_CA_CERT,
    source: "RFC 5280 §4.2.1.9",
  },
  CA_SUBJECT_EMPTY: {
    severity: "error",
    title: "A CA has an empty subject",
    meaning: "A CA's subject must be a non-empty distinguished name: issuers are found by it.",
    fix: NEW_CA_CERT,
    source: "RFC 5280 §4.1.2.6",
  },
  CERTIFICATE_VERSION_INVALID: {
    severity: "error",
    title: "A certificate with extensions is not version 3",
    meaning: "Extensions exist only in version 3 certificates; strict parsers refuse the certificate.",
    fix: "Ask the CA to issue it again as X.509 v3.",
    source: "RFC 5280 §4.1.2.1",
  },
  EXTENSION_MALFORMED: {
    severity: "error",
    title: "An extension is malformed",
    meaning:
      "An extension the portal checks for structure (authorityInfoAccess) does not parse; strict clients such as Go refuse the certificate.",
    fix: "Ask the CA to issue it again.",
    source: "RFC 5280 §4.2.2.1",
  },
  SERIAL_NUMBER_NEGATIVE: {
    severity: "error",
    title: "A serial number is negative",
    meaning: "Serial numbers must be positive; OpenSSL's strict mode and Go refuse the certificate.",
    fix: "Ask the CA to issue it again.",
    source: "RFC 5280 §4.1.2.2",
  },
  SERIAL_NUMBER_NONCONFORMING: {
    severity: "warning",
    title: "A serial number is zero or longer than 20 octets",
    meaning: "A profile rule for CAs; TLS clients accept it (several Mozilla roots have such serials).",
    fix: NEXT_ISSUANCE,
    source: "RFC 5280 §4.1.2.2",
  },
  KEY_IDENTIFIER_MISSING: {
    severity: "warning",
    title: "A key identifier is missing",
    meaning:
      "Certificates should carry an authority key identifier and CAs a subject key identifier; clients build paths by name and signature without them.",
    fix: NEXT_ISSUANCE,
    source: "RFC 5280 §4.2.1.1-2",
  },
  KEY_IDENTIFIER_CRITICAL: {
    severity: "error",
    title: "A key identifier extension is critical",
    meaning: "Key identifier extensions must be non-critical; OpenSSL's strict mode refuses the chain.",
    fix: "Ask the CA to issue it again.",
    source: "RFC 5280 §4.2.1.1-2",
  },
  KEY_IDENTIFIER_NONCONFORMING: {
    severity: "warning",
    title: "A root's authority key identifier is not its own key identifier",
    meaning:
      "A root's AKI should hold only its own key identifier; some Mozilla-trusted roots do otherwise and clients accept it.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.2.1.3",
  },
  KEY_SIZE_NOT_MULTIPLE_OF_8: {
    severity: "warning",
    title: "An RSA key size is not a multiple of 8",
    meaning: "Publicly-trusted CAs use RSA sizes divisible by 8; the key still works in every client.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §6.1.5",
  },
  POLICY_CONSTRAINTS_NOT_CRITICAL: {
    severity: "warning",
    title: "A CA's policyConstraints is not critical",
    meaning:
      "RFC 5280 says policyConstraints must be critical; the portal asserts no policy, so it narrows nothing here.",
    fix: NEXT_ISSUANCE,
    source: "RFC 5280 §4.2.1.11",
  },
  ROOT_HAS_EKU: {
    severity: "warning",
    title: "The root carries an extended key usage",
    meaning: "Roots should not carry an EKU (it still restricts every certificate below, see CA_EKU_NOT_SERVER_AUTH).",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.2.1.2",
  },
  LEAF_IS_CA: {
    severity: "error",
    title: "The server presents a CA certificate as its own",
    meaning:
      "A TLS server presents an end-entity certificate; a CA certificate in its place is refused by WebPKI clients.",
    fix: "Configure the server with the certificate issued by this CA, not the CA itself.",
    source: "CA/B BR §7.1.2.7.8",
  },
  LEAF_KEY_USAGE_NOT_TLS: {
    severity: "error",
    title: "The certificate's key usage allows no TLS handshake",
    meaning:
      "A TLS key must sign the handshake (digitalSignature) or decrypt or agree the key (keyEncipherment, keyAgreement); with a keyUsage that has none of them clients refuse the certificate.",
    fix: 'Request the certificate with -addext "keyUsage=critical,digitalSignature".',
    source: "RFC 5280 §4.2.1.3; RFC 8446 §4.4.2.2",
  },
  LEAF_EKU_NOT_CLIENT_AUTH: {
    severity: "error",
    title: "The client certificate is not for TLS clients",
    meaning: "When a chain is judged for TLS clients, the leaf's extended key usage must allow clientAuth.",
    fix: "Request a certificate with extendedKeyUsage clientAuth.",
    source: "RFC 5280 §4.2.1.12",
  },
  LEAF_EKU_MISSING: {
    severity: "warning",
    title: "The server certificate has no extended key usage",
    meaning: "No EKU means any purpose (RFC 5280) and TLS clients accept it; publicly-trusted CAs must set serverAuth.",
    fix: 'At the next renewal request it with -addext "extendedKeyUsage=serverAuth".',
    source: "CA/B BR §7.1.2.7.10",
  },
  LEAF_EKU_ANY: {
    severity: "warning",
    title: "The server certificate allows any extended key usage",
    meaning: "anyExtendedKeyUsage in a leaf is accepted by clients but forbidden for publicly-trusted CAs.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.2.7.10",
  },
  LEAF_EKU_CRITICAL: {
    severity: "warning",
    title: "The server certificate's extended key usage is critical",
    meaning: "Clients understand it; publicly-trusted CAs must mark it non-critical.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.2.7.6",
  },
  LEAF_CN_NOT_IN_SAN: {
    severity: "warning",
    title: "The server certificate's CN is not one of its SAN entries",
    meaning:
      "Clients match only the subjectAltName, so TLS works; publicly-trusted CAs must copy a SAN entry into the CN.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.4.3; RFC 6125 §6.4.4",
  },
  SAN_NOT_CRITICAL: {
    severity: "error",
    title: "An empty subject with a non-critical subjectAltName",
    meaning: "A certificate whose subject is empty is identified only by its SAN, which must then be critical.",
    fix: "Ask the CA to issue it again.",
    source: "RFC 5280 §4.2.1.6",
  },
  SAN_CRITICAL: {
    severity: "warning",
    title: "subjectAltName is critical although the subject is not empty",
    meaning: "Clients understand it; publicly-trusted CAs must mark it non-critical then.",
    fix: NEXT_ISSUANCE,
    source: "CA/B BR §7.1.2.7.12",
  },
  HOST_NAME_MISMATCH: {
    severity: "error",
    title: "The server certificate is not valid for the host",
    meaning:
      "The host Thales calls matches no DNS (or, for an address, IP) subjectAltName entry; a wildcard covers exactly one left-most label and never a public suffix; the CN is not consulted.",
    fix: "Request a certificate whose subjectAltName holds the host name.",
    source: "RFC 6125 §6.4; CA/B BR §3.2.2.6",
  },
  HOST_NAME_INVALID: {
    severity: "error",
    title: "The host is not a host name or IP address",
    meaning: "The host to check against must be a DNS name (letters, digits, hyphens, dots) or an IP address.",
    fix: "Give the host name Thales will call, e.g. api.bank.example.",
    source: "RFC 1123 §2.1",
  },
} as const satisfies Record<string, FindingSpec>;
