/**
 * The endpoint check on the wire: resolve the host now (never a cached address), refuse what the SSRF policy
 * refuses, and at every remaining address find the TLS versions, the served chain, whether a client certificate
 * is requested and required, the acceptable CA names and, with a client credential, whether a mutual handshake
 * passes. Shared by the portal (lib/server/probes) and `portal-check probe`.
 */
import { lookup } from "node:dns/promises";
import type { SecureVersion } from "node:tls";
import { refusedAddress, type ProbeAllowList } from "@/lib/pki/probe/address-policy";
import type { AddressObservation, ProbeObservation } from "@/lib/pki/probe/observations";
import type { TlsVersionName } from "@/lib/pki/probe/tls-wire";
import { attemptHandshake } from "./handshake";

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

export type ProbeEndpointOptions = {
  host: string;
  port: number;
  /** Addresses refused unless listed; `undefined` = the default policy. The CLI passes `"any"` (own network). */
  allow?: ProbeAllowList | "any";
  /** Connect only to allow-listed addresses (a port other than 443/8443 was asked for: lab or test mode). */
  onlyAllowListed?: boolean;
  /** Per connection attempt (TCP connect plus handshake). */
  timeoutMs?: number;
  clientCredential?: { cert: string; key: string };
  /** CA certificates (PEM) the served chain should verify against (the CLI's --ca). */
  ca?: string;
  lookup?: Lookup;
};

export const DEFAULT_PROBE_TIMEOUT_MS = 4000;
const MAX_ADDRESSES = 8;

const systemLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/** An address before (or instead of) its handshakes: how it answered, and nothing observed yet. */
function unobserved(
  address: string,
  status: Pick<AddressObservation, "reachable" | "error" | "refused">,
): AddressObservation {
  return {
    address,
    ...status,
    tlsVersions: [],
    servedChain: [],
    servedChainAsSent: false,
    clientCertificateRequested: null,
    clientCertificateRequired: null,
    acceptableCaNames: null,
  };
}

async function probeAddress(address: string, o: ProbeEndpointOptions): Promise<AddressObservation> {
  const base = { address, port: o.port, servername: o.host, timeoutMs: o.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS };
  const try_ = (v: SecureVersion, extra: { cert?: string; key?: string; ca?: string } = {}) =>
    attemptHandshake({ ...base, minVersion: v, maxVersion: v, ...extra });
  const t12 = await try_("TLSv1.2", { ca: o.ca });
  const observation = unobserved(address, { reachable: t12.connected, error: t12.error });
  if (!t12.connected) return observation;
  // Connected but silent for the whole timeout: not TLS (or a tarpit). Do not spend four more timeouts on it.
  if (!t12.flight.version && t12.error === "ETIMEDOUT") return observation;
  const t13 = await try_("TLSv1.3", { ca: o.ca });
  const versions: TlsVersionName[] = [];
  for (const v of ["TLSv1", "TLSv1.1"] as const) if ((await try_(v)).flight.version === v) versions.push(v);
  if (t12.flight.version === "TLSv1.2") versions.push("TLSv1.2");
  if (t13.flight.version === "TLSv1.3" || t13.protocol === "TLSv1.3") versions.push("TLSv1.3");
  observation.tlsVersions = versions;
  observation.error = versions.length ? undefined : (t12.error ?? t13.error);
  // TLS 1.2's flight is in clear; a TLS 1.3-only server's is read with our client's handshake secret (tls13.ts).
  const t13read = t13.flight.tls13?.read === true;
  const readable = t12.flight.version === "TLSv1.2" ? t12 : t13read ? t13 : undefined;
  if (readable?.flight.certificates?.length) {
    observation.servedChain = readable.flight.certificates;
    observation.servedChainAsSent = true;
  } else {
    observation.servedChain = t13.peerChain.length ? t13.peerChain : t12.peerChain;
  }
  if (readable) {
    const request = readable.flight.certificateRequest;
    observation.clientCertificateRequested = request !== undefined;
    observation.clientCertificateRequired = request ? !readable.handshake : false;
    observation.acceptableCaNames = request ? request.caNames : null;
  } else if (t13.protocol === "TLSv1.3") {
    // The TLS 1.3 flight could not be opened (a suite we do not read, a HelloRetryRequest, a lie): a server that
    // requires a certificate still rejects our empty one.
    observation.clientCertificateRequired = !t13.handshake ? true : null;
    observation.clientCertificateRequested = observation.clientCertificateRequired ? true : null;
  }
  const verifiedBy = t12.verified ?? t13.verified;
  if (o.ca && verifiedBy) observation.verified = verifiedBy;
  if (o.clientCredential) {
    const mutual = await attemptHandshake({
      ...base,
      minVersion: "TLSv1.2",
      maxVersion: "TLSv1.3",
      exchange: true,
      ...o.clientCredential,
    });
    observation.mutual = { ok: mutual.handshake, error: mutual.handshake ? undefined : mutual.error };
  }
  return observation;
}

export async function probeEndpoint(o: ProbeEndpointOptions): Promise<ProbeObservation> {
  const obs: ProbeObservation = { host: o.host, port: o.port, addresses: [] };
  let resolved: { address: string; family: number }[];
  try {
    resolved = await (o.lookup ?? systemLookup)(o.host);
  } catch (e) {
    obs.dnsError = (e as NodeJS.ErrnoException).code ?? "lookup failed";
    return obs;
  }
  const addresses = [...new Set(resolved.map((r) => r.address))].slice(0, MAX_ADDRESSES);
  // Addresses are checked side by side (each its own server), attempts at one address one after the other.
  const pending: Promise<AddressObservation>[] = [];
  for (const address of addresses) {
    const listed =
      o.allow !== undefined &&
      o.allow !== "any" &&
      o.allow.list.check(address, address.includes(":") ? "ipv6" : "ipv4");
    const refused =
      o.allow === "any"
        ? undefined
        : o.onlyAllowListed && !listed
          ? "outside PORTAL_PROBE_ALLOW"
          : refusedAddress(address, o.allow);
    if (refused) {
      pending.push(Promise.resolve(unobserved(address, { refused, reachable: false })));
      continue;
    }
    pending.push(probeAddress(address, o));
  }
  obs.addresses = await Promise.all(pending);
  return obs;
}
