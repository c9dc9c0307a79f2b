import "server-only";
import { crossCheck, decodeInput, type Finding } from "@/lib/pki";
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

/** A stored version in play, as the board's asset query returns it: its id and normalized PEM. */
export type StoredSide = { id: string; pem: string | null };

const MEMO_SIZE = 4096;
const memo = new Map<string, Finding[]>();

/**
 * The same cross-checks over stored versions, for the board: a page of 60 connections would otherwise run the
 * chain check twice per connection on every view. The result depends only on the two versions (whose content never
 * changes), the host and the day (expiry can change anchoring), so it is memoized on exactly those (an LRU).
 */
export function crossCheckStored(
  sides: { chain?: StoredSide; store?: StoredSide; host?: string | null },
  now: Date,
): Finding[] {
  if (!sides.chain?.pem) return [];
  const key = [sides.chain.id, sides.store?.id ?? "", sides.host ?? "", now.toISOString().slice(0, 10)].join("|");
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const findings = crossCheck({
    serverChain: decodeInput(sides.chain.pem).certificates,
    trustStore: sides.store?.pem ? decodeInput(sides.store.pem).certificates : undefined,
    host: sides.host ?? undefined,
    now,
  });
  memo.set(key, findings);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return findings;
}
