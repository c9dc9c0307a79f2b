/** What the probe saw at each address: the input of `evaluateProbe`, produced by lib/probe (network side). */
import type { TlsVersionName } from "./tls-wire";

export type AddressObservation = {
  address: string;
  /** Why the SSRF policy refused the address; nothing was sent to it. */
  refused?: string;
  /** TCP connect succeeded. */
  reachable: boolean;
  error?: string;
  /** Versions the server answered a ServerHello with, among those tried (TLS 1.0 to 1.3). */
  tlsVersions: TlsVersionName[];
  /** Served certificates (DER), leaf first; exactly as sent when read from a TLS 1.2 flight. */
  servedChain: Uint8Array[];
  servedChainAsSent: boolean;
  /** null when it could not be told (TLS 1.3 only: the CertificateRequest is encrypted). */
  clientCertificateRequested: boolean | null;
  clientCertificateRequired: boolean | null;
  /** DER-encoded DistinguishedNames of the CertificateRequest; null when unreadable. */
  acceptableCaNames: Uint8Array[] | null;
  /** A full handshake with the configured client credential. */
  mutual?: { ok: boolean; error?: string };
  /** When the caller gave CA certificates: did the served chain verify against them (OpenSSL's judgement). */
  verified?: { ok: boolean; error?: string };
};

export type ProbeObservation = {
  host: string;
  port: number;
  /** DNS failure (the host does not resolve); no address then. */
  dnsError?: string;
  /** Refused before any lookup (port). */
  portRefused?: boolean;
  addresses: AddressObservation[];
};
