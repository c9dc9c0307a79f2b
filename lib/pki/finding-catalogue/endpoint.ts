/** Findings about host names, base paths and Thales publications (lib/assets/host.ts, lib/pki/publication.ts). */
import type { FindingSpec } from "./spec";

const DNS_ONLY = "Enter only the DNS name, e.g. api.bank.example; choose the port separately.";
const OUTBOUND = "D1 and TSH reference pages: outbound connectivity";

export const ENDPOINT_FINDINGS = {
  HOST_EMPTY: {
    severity: "error",
    title: "No host name",
    meaning: "Thales needs the DNS name of your endpoint.",
    fix: DNS_ONLY,
    source: OUTBOUND,
  },
  HOST_HAS_SCHEME: {
    severity: "error",
    title: "The host contains a scheme",
    meaning: "Enter a host name, not a URL.",
    fix: DNS_ONLY,
    source: OUTBOUND,
  },
  HOST_HAS_PATH: {
    severity: "error",
    title: "The host contains a path or query",
    meaning: "Enter a host name, not a URL.",
    fix: DNS_ONLY,
    source: OUTBOUND,
  },
  HOST_IS_IP: {
    severity: "error",
    title: "An IP address is not accepted",
    meaning: "Thales calls your endpoint by DNS name (no IP allowlisting; addresses change).",
    fix: "Publish a DNS name for the endpoint and enter it here.",
    source: OUTBOUND,
  },
  HOST_WILDCARD: {
    severity: "error",
    title: "A wildcard is not a host",
    meaning: "Thales calls one host.",
    fix: DNS_ONLY,
    source: OUTBOUND,
  },
  HOST_INVALID: {
    severity: "error",
    title: "Not a valid fully qualified DNS name",
    meaning: "Labels are letters, digits and hyphens, at most 63 characters, and at least two labels.",
    fix: DNS_ONLY,
    source: "RFC 1123 §2.1",
  },
  PORT_NOT_ALLOWED: {
    severity: "error",
    title: "The port is not allowed",
    meaning: "Thales calls port 443 (preferred) or 8443.",
    fix: "Listen on 443 (preferred) or 8443.",
    source: OUTBOUND,
  },
  PORT_8443: {
    severity: "info",
    title: "Port 8443 is supported; 443 is preferred",
    meaning: "Both work.",
    fix: "Nothing to do.",
    source: OUTBOUND,
  },
  BASE_PATH_INVALID: {
    severity: "error",
    title: "The API base path is not valid",
    meaning: "The base path must start with / and hold no spaces, query or fragment.",
    fix: "Enter a path like /api/v1.",
    source: "RFC 3986 §3.3",
  },
  NOT_A_CA_CERTIFICATE: {
    severity: "warning",
    title: "A Thales CA publication contains a non-CA certificate",
    meaning: "Customers must trust the CA only, never pin a leaf; trust-store exports leave it out.",
    fix: "Publish the issuing CA certificate(s) instead.",
    source: "D1 and TSH reference pages: trust only CAs",
  },
  LEAF_INCLUDED: {
    severity: "info",
    title: "The publication includes the server leaf certificate",
    meaning: "Trust-store exports keep only the CA certificates.",
    fix: "Nothing to do.",
    source: "TSH reference: TSH server certificate chain",
  },
} as const satisfies Record<string, FindingSpec>;
