/** Findings of the endpoint check (lib/pki/probe/evaluate.ts): the customer's server as Thales will call it. */
import type { FindingSpec } from "./spec";

const ISSUE = "Portal policy (issue 13): endpoint check";
const OUTBOUND = "D1 and TSH reference pages: outbound connectivity";

export const PROBE_FINDINGS = {
  PROBE_PORT_NOT_ALLOWED: {
    severity: "error",
    title: "The port is not probed",
    meaning: "The probe connects to 443 and 8443 only, the ports Thales calls.",
    fix: "Listen on 443 (preferred) or 8443.",
    source: OUTBOUND,
  },
  PROBE_DNS_FAILED: {
    severity: "error",
    title: "The host does not resolve",
    meaning: "Thales resolves the host through public DNS on every call.",
    fix: "Publish an A/AAAA record for the host.",
    source: OUTBOUND,
  },
  PROBE_ADDRESS_NOT_ALLOWED: {
    severity: "error",
    title: "The host resolves to a non-public address",
    meaning:
      "Private, loopback, link-local, CGNAT, multicast and metadata addresses are never probed (and Thales cannot reach them).",
    fix: "Publish a public address for the endpoint.",
    source: "RFC 6890; portal SSRF policy (PORTAL_PROBE_ALLOW)",
  },
  PROBE_UNREACHABLE: {
    severity: "error",
    title: "No TCP connection",
    meaning: "Nothing answered on the port within the timeout.",
    fix: "Open the port to the Thales source addresses; check the DNS record and firewalls.",
    source: ISSUE,
  },
  PROBE_TLS_FAILED: {
    severity: "error",
    title: "No TLS handshake",
    meaning: "The port answered but no TLS 1.0–1.3 handshake started.",
    fix: "Serve TLS on this port.",
    source: ISSUE,
  },
  PROBE_TLS_VERSION_MISSING: {
    severity: "warning",
    title: "TLS 1.2 or TLS 1.3 is not offered",
    meaning: "Thales clients use TLS 1.2 and 1.3.",
    fix: "Enable both (nginx: ssl_protocols TLSv1.2 TLSv1.3;).",
    source: "RFC 9325 §3.1.1",
  },
  PROBE_OLD_TLS_OFFERED: {
    severity: "warning",
    title: "TLS 1.0 or 1.1 still accepted",
    meaning: "Deprecated versions (RFC 8996) weaken the endpoint.",
    fix: "Offer only TLS 1.2 and 1.3.",
    source: "RFC 8996",
  },
  PROBE_NO_CERTIFICATE: {
    severity: "error",
    title: "No server certificate",
    meaning: "The server sent no certificate.",
    fix: "Configure the server certificate chain.",
    source: "RFC 8446 §4.4.2",
  },
  PROBE_CHAIN_ORDER: {
    severity: "warning",
    title: "The served chain is out of order",
    meaning: "Each certificate should be followed by its issuer; some clients fail otherwise.",
    fix: "Serve the leaf first, then each intermediate in order.",
    source: "RFC 5246 §7.4.2, RFC 8446 §4.4.2",
  },
  PROBE_CHAIN_INCOMPLETE: {
    severity: "error",
    title: "The served chain is incomplete (missing intermediate)",
    meaning: 'Thales\' client gets "unable to get local issuer certificate": an intermediate is not served.',
    fix: "Add the intermediate(s) after the leaf in the file the server sends.",
    source: "RFC 5246 §7.4.2",
  },
  PROBE_CHAIN_MISMATCH: {
    severity: "error",
    title: "The served chain is not the uploaded one",
    meaning: "What Thales validated is not what the server presents.",
    fix: "Upload the chain the server presents, or install the uploaded one.",
    source: ISSUE,
  },
  PROBE_HOST_NOT_COVERED: {
    severity: "error",
    title: "The served leaf does not cover the host",
    meaning: "Thales checks the host name against the subjectAltName DNS names.",
    fix: "Serve a certificate whose subjectAltName includes the host.",
    source: "RFC 6125 §6.4",
  },
  PROBE_CERTIFICATE_EXPIRED: {
    severity: "error",
    title: "A served certificate has expired",
    meaning: "Thales refuses the handshake.",
    fix: "Renew the certificate and serve the new chain.",
    source: "RFC 5280 §4.1.2.5",
  },
  PROBE_CERTIFICATE_EXPIRING: {
    severity: "warning",
    title: "A served certificate expires soon",
    meaning: "Renew before it expires and tell Thales in advance.",
    fix: "Renew it, upload the new chain, and serve it.",
    source: "DESIGN §7 expiry thresholds",
  },
  PROBE_CLIENT_AUTH_NOT_REQUESTED: {
    severity: "error",
    title: "The server does not ask for a client certificate",
    meaning: "D1 and TSH call with mutual TLS; without a request the Thales client certificate is never checked.",
    fix: "Require client certificates and trust the Thales client CA.",
    source: OUTBOUND,
  },
  PROBE_CLIENT_AUTH_OPTIONAL: {
    severity: "error",
    title: "The client certificate is optional",
    meaning: "A handshake without a client certificate succeeds: anyone can call the endpoint.",
    fix: "Make the client certificate mandatory (nginx ssl_verify_client on; HAProxy verify required).",
    source: OUTBOUND,
  },
  PROBE_THALES_CA_NOT_ACCEPTED: {
    severity: "error",
    title: "The Thales client CA is not among the acceptable CAs",
    meaning:
      "The server's CertificateRequest does not list it, so the Thales client will not send its certificate or is refused.",
    fix: "Add the Thales client CA to the server's client-CA file.",
    source: "RFC 5246 §7.4.4, RFC 8446 §4.2.4",
  },
  PROBE_CA_NAMES_EMPTY: {
    severity: "info",
    title: "The server lists no acceptable CA names",
    meaning: "An empty list lets the client choose; the server must still verify against the Thales client CA.",
    fix: "Nothing to do, or configure the client-CA file so the names are sent.",
    source: "RFC 5246 §7.4.4",
  },
  PROBE_CA_NAMES_UNREADABLE: {
    severity: "info",
    title: "The acceptable CA names could not be read",
    meaning:
      "The server speaks only TLS 1.3, whose CertificateRequest is encrypted, and the probe could not open it with its own handshake secret (a cipher suite it does not read, such as AES-CCM, a HelloRetryRequest, or records that do not authenticate).",
    fix: "Enable TLS 1.2 as well, offer TLS_AES_128_GCM_SHA256, or check by hand (openssl s_client -tls1_3).",
    source: "RFC 8446 §4.3.2, §7.3",
  },
  PROBE_MUTUAL_HANDSHAKE_FAILED: {
    severity: "error",
    title: "The mutual handshake with the Thales client certificate failed",
    meaning: "The server refused the Thales client certificate.",
    fix: "Trust the Thales client CA and allow its chain depth.",
    source: OUTBOUND,
  },
  PROBE_CHAIN_NOT_TRUSTED: {
    severity: "error",
    title: "The served chain does not verify against the CA bundle",
    meaning:
      "With the CA certificates given (portal-check probe --ca), OpenSSL does not trust the served chain for this host.",
    fix: "Use the CA bundle downloaded for this host and environment, or fix the served chain.",
    source: "RFC 5280 §6, RFC 6125 §6",
  },
  PROBE_ADDRESSES_DIFFER: {
    severity: "warning",
    title: "The host's addresses serve different certificates",
    meaning: "Thales may reach any of them; they must all serve the same, uploaded chain.",
    fix: "Deploy the same chain on every node.",
    source: ISSUE,
  },
} as const satisfies Record<string, FindingSpec>;
