import "server-only";
import { crossCheck, type Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import { certificatesOf, versionInPlay } from "../probes/probe-material";

/** One side replaced by what is being uploaded, so the upload is judged against the other sides in play. */
export type CrossCheckCandidate =
  | { kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" | "CUSTOMER_TRUST_STORE"; certificates: Uint8Array[] }
  | { kind: "ISSUER_HOST"; host: string };

/**
 * The cross-checks of a connection's server side (chain ↔ host, chain ↔ trust store) over the versions in play,
 * computed when read, so they follow whichever side changes. Callers have authorized the connection.
 */
export async function crossCheckConnection(
  db: Db,
  connectionId: string,
  now: Date,
  candidate?: CrossCheckCandidate,
): Promise<Finding[]> {
  const [chain, store, host] = await Promise.all([
    candidate?.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN"
      ? undefined
      : versionInPlay(db, connectionId, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN"),
    candidate?.kind === "CUSTOMER_TRUST_STORE" ? undefined : versionInPlay(db, connectionId, "CUSTOMER_TRUST_STORE"),
    candidate?.kind === "ISSUER_HOST" ? undefined : versionInPlay(db, connectionId, "ISSUER_HOST"),
  ]);
  return crossCheck({
    serverChain:
      candidate?.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" ? candidate.certificates : certificatesOf(chain),
    trustStore: candidate?.kind === "CUSTOMER_TRUST_STORE" ? candidate.certificates : certificatesOf(store),
    host: candidate?.kind === "ISSUER_HOST" ? candidate.host : (host?.host ?? undefined),
    now,
  });
}
