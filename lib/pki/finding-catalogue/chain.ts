/** Findings about server chains and trust stores (lib/pki/chain.ts). */
import type { FindingSpec } from "./spec";

const ADD_ISSUER =
  "Add the intermediate CA certificate(s) (and, for a private CA, the root) to the upload, in any order.";

export const CHAIN_FINDINGS = {
  CHAIN_UNUSED_CERTIFICATE: {
    severity: "info",
    title: "A certificate is not part of the chain",
    meaning:
      "It is not on the validated path (an extra leaf, an unused cross-certificate); it was not judged and was kept at the end. TLS clients ignore such certificates too.",
    fix: "You may remove certificates that do not belong to this server's chain.",
    source: "RFC 8446 §4.4.2",
  },
  CHAIN_CHECK_BUDGET_EXCEEDED: {
    severity: "error",
    title: "The chain needs too many signature checks",
    meaning:
      "Path building tries candidate issuers with a signature-check budget proportional to the upload's size; this upload exhausted it (many certificates with one name, or very expensive keys) before a valid path was found.",
    fix: "Upload only the server certificate, its intermediates and (for a private CA) the root.",
    source: "Portal policy (decision 018)",
  },
  CHAIN_NOT_ANCHORED: {
    severity: "error",
    title: "The chain does not reach the given trust anchors",
    meaning:
      "The caller named the trust anchors (portal-check --trust-anchors, trustAnchors in the API); a client that trusts only them refuses this chain.",
    fix: "Check that the trust store holds the root (or intermediate) CA that issued this chain.",
    source: "RFC 5280 §6.1",
  },
  CHAIN_TOO_LONG: {
    severity: "error",
    title: "The chain is too long",
    meaning: "The chain has more certificates than the portal follows.",
    fix: "Upload the server certificate, its intermediates and root only.",
    source: "Portal policy",
  },
  CHAIN_INCOMPLETE: {
    severity: "error",
    title: "An intermediate or root certificate is missing",
    meaning: "The issuer of the top certificate is neither in the upload nor a trusted root.",
    fix: ADD_ISSUER,
    source: "RFC 5280 §6.1",
  },
  CHAIN_WITHOUT_SERVER_CERTIFICATE: {
    severity: "info",
    title: "Only CA certificates were uploaded",
    meaning: "They were treated as the server's CA chain.",
    fix: "Nothing to do if that is what you meant.",
    source: "Portal policy",
  },
  CHAIN_ANCHORED_IN_MOZILLA: {
    severity: "info",
    title: "The chain ends in a Mozilla-trusted root",
    meaning: "Thales trusts it without a separate trust store.",
    fix: "Nothing to do.",
    source: "D1 and TSH reference pages: outbound connectivity",
  },
  CHAIN_NOT_MOZILLA_TRUSTED: {
    severity: "warning",
    title: "The chain does not end in a Mozilla-trusted root",
    meaning: "Thales needs a PEM trust store (the private root and intermediates) to call this server.",
    fix: "Upload a trust store for the connection as well.",
    source: "D1 and TSH reference pages: outbound connectivity",
  },
  ISSUER_NOT_CA: {
    severity: "error",
    title: "An issuing certificate is not a CA",
    meaning: "A certificate that issues another must have basicConstraints cA set.",
    fix: "Ask the CA for its correct CA certificate.",
    source: "RFC 5280 §4.2.1.9",
  },
  ISSUER_KEY_USAGE: {
    severity: "error",
    title: "An issuing CA lacks keyCertSign",
    meaning: "A CA whose key usage omits keyCertSign must not sign certificates.",
    fix: "Ask the CA for its correct CA certificate.",
    source: "RFC 5280 §4.2.1.3",
  },
  PATH_LENGTH_EXCEEDED: {
    severity: "error",
    title: "A CA's path length constraint is exceeded",
    meaning: "A CA allows fewer intermediates below it than the chain has.",
    fix: "Ask the CA which chain to use.",
    source: "RFC 5280 §4.2.1.9",
  },
  LEAF_EKU_NOT_SERVER_AUTH: {
    severity: "error",
    title: "The server certificate is not for TLS servers",
    meaning: "Its extended key usage lacks serverAuth.",
    fix: "Request a certificate with extendedKeyUsage serverAuth.",
    source: "RFC 5280 §4.2.1.12",
  },
  LEAF_KEY_USAGE_CERT_SIGN: {
    severity: "error",
    title: "The server certificate has keyCertSign but is not a CA",
    meaning: "keyCertSign is only for CA certificates.",
    fix: "Request the server certificate without keyCertSign.",
    source: "RFC 5280 §4.2.1.3",
  },
  LEAF_NO_SAN: {
    severity: "warning",
    title: "The server certificate has no DNS name in subjectAltName",
    meaning: "TLS clients match the host name against subjectAltName, not the CN.",
    fix: 'Request the certificate with -addext "subjectAltName=DNS:your.host.example".',
    source: "RFC 6125 §6.4",
  },
  TRUST_STORE_NOT_CA: {
    severity: "error",
    title: "A trust store holds a non-CA certificate",
    meaning: "A trust store holds only CA certificates; a pinned leaf breaks at every renewal.",
    fix: "Remove server certificates from the trust store; keep the root (and intermediate) CAs.",
    source: "D1 and TSH reference pages: trust only CAs, never pin a leaf",
  },
  TRUST_STORE_MISSING_ISSUER: {
    severity: "error",
    title: "The trust store lacks an issuer",
    meaning: "A certificate of the trust store is issued by a CA that is neither in it nor a trusted root.",
    fix: ADD_ISSUER,
    source: "RFC 5280 §6.1",
  },
  TRUST_STORE_NOT_NEEDED: {
    severity: "info",
    title: "No trust store is needed",
    meaning: "The chain ends in a Mozilla-trusted root, which Thales trusts already.",
    fix: "Nothing to do.",
    source: "D1 and TSH reference pages: outbound connectivity",
  },
  TRUST_STORE_DERIVABLE: {
    severity: "info",
    title: "A trust store can be derived from the upload",
    meaning: "The uploaded CA certificates make a trust store for Thales.",
    fix: "On the chain's version page, \"Submit its CAs as the trust store\" submits them as the connection's trust store (reviewed like any upload); or upload the trust store yourself.",
    source: "Portal policy",
  },
} as const satisfies Record<string, FindingSpec>;
