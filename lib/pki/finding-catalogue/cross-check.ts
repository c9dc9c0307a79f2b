/** Findings that compare two assets of one connection (lib/pki/cross-check.ts). */
import type { FindingSpec } from "./spec";

export const CROSS_CHECK_FINDINGS = {
  CROSS_HOST_NOT_COVERED: {
    severity: "warning",
    title: "The server chain does not cover the endpoint host",
    meaning:
      "Thales calls ISSUER_HOST and checks it against the leaf's subjectAltName; with this pair the handshake fails.",
    fix: "Serve and upload a certificate for the host, or correct the host.",
    source: "RFC 6125 §6.4; issue 13 cross-checks",
  },
  CROSS_TRUST_STORE_DOES_NOT_ANCHOR: {
    severity: "warning",
    title: "The trust store does not anchor the server chain",
    meaning:
      "Thales trusts only the trust store (or Mozilla roots): a trust store of an unrelated CA cannot validate this chain.",
    fix: "Upload a trust store with the CA that issued the server chain.",
    source: "RFC 5280 §6.1; issue 13 cross-checks",
  },
} as const satisfies Record<string, FindingSpec>;
