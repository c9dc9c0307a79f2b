/**
 * Cross-checks between a connection's assets (issue 13): the server chain's leaf must cover ISSUER_HOST, and the
 * trust store must anchor the chain (or the chain a Mozilla root). Judged by the chain check itself
 * (`analyzeChain` with `host` / `roots`), so the rules are the upload's; reported as warnings, because either side
 * may be the one to change and the customer must be able to upload them in any order.
 */
import { analyzeChain } from "./chain";
import { finding, type Finding } from "./findings";

export type CrossCheckInput = {
  /** CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN in play (DER, leaf first); nothing to check without it. */
  serverChain: readonly Uint8Array[];
  /** CUSTOMER_TRUST_STORE in play, if any. */
  trustStore?: readonly Uint8Array[];
  /** ISSUER_HOST in play, if any. */
  host?: string;
  now: Date;
};

export function crossCheck({ serverChain, trustStore, host, now }: CrossCheckInput): Finding[] {
  if (!serverChain.length) return [];
  const out: Finding[] = [];
  if (host) {
    const withHost = analyzeChain(serverChain, { now, mode: "server-chain", host });
    const mismatch = withHost.findings.find((f) => f.code === "HOST_NAME_MISMATCH");
    if (mismatch) {
      out.push(
        finding(
          "CROSS_HOST_NOT_COVERED",
          `The endpoint host ${host} is not covered by the server chain: ${mismatch.message}`,
          `Either serve (and upload) a certificate with subjectAltName DNS:${host}, or correct the endpoint host.`,
        ),
      );
    }
  }
  if (trustStore?.length) {
    const anchored = analyzeChain(serverChain, { now, mode: "server-chain", roots: trustStore, requireAnchor: true });
    const notAnchored = anchored.findings.some((f) => f.code === "CHAIN_NOT_ANCHORED" || f.code === "CHAIN_INCOMPLETE");
    if (notAnchored && !analyzeChain(serverChain, { now, mode: "server-chain" }).anchoredInMozilla) {
      out.push(
        finding(
          "CROSS_TRUST_STORE_DOES_NOT_ANCHOR",
          "The trust store holds no CA that anchors the server chain, and the chain does not end in a Mozilla-trusted root.",
          "Upload a trust store with the root (and intermediates) that issued the server certificate.",
        ),
      );
    }
  }
  return out;
}
