import type { AssetCheckKind, Program } from "@/lib/pki";

/**
 * The asset catalogue of DESIGN.md §2: one vocabulary for UI, API, database and audit.
 * `content` says what a version holds; `check` maps customer uploads onto the lib/pki check that judges them.
 */
export const ASSET_KINDS = [
  "CUSTOMER_CSR",
  "ISSUED_TLS_CLIENT_CERTIFICATE",
  "CUSTOMER_TLS_CLIENT_CERTIFICATE",
  "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
  "CUSTOMER_TRUST_STORE",
  "ISSUER_HOST",
  "THALES_CLIENT_CA",
  "TSH_TLS_CLIENT_CERTIFICATE",
  "D1_SERVER_CA_BUNDLE",
  "TSH_TLS_SERVER_CERTIFICATE_CHAIN",
  "D1_INBOUND_HOST",
  "TSH_INBOUND_HOST",
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export type Direction = "CUSTOMER_TO_THALES" | "THALES_TO_CUSTOMER";
export type Content = "csr" | "certificate" | "certificates" | "host";

export type KindInfo = {
  kind: AssetKind;
  direction: Direction;
  programs: readonly Program[];
  label: string;
  description: string;
  content: Content;
  /** lib/pki check for customer uploads. */
  check?: AssetCheckKind;
  /** Needed for go-live on every connection of its programs (the trust store only when the chain needs one). */
  required: boolean;
  /** Stem of download file names. */
  fileStem: string;
};

const D1: readonly Program[] = ["d1", "d1-ecom"];
const ALL: readonly Program[] = ["d1", "d1-ecom", "tsh"];

export const KINDS: Record<AssetKind, KindInfo> = {
  CUSTOMER_CSR: { kind: "CUSTOMER_CSR", direction: "CUSTOMER_TO_THALES", programs: D1, label: "Client certificate request (CSR)", description: "CSR for your mTLS client certificate, signed by the Thales CA.", content: "csr", check: "csr", required: true, fileStem: "client-csr" },
  ISSUED_TLS_CLIENT_CERTIFICATE: { kind: "ISSUED_TLS_CLIENT_CERTIFICATE", direction: "THALES_TO_CUSTOMER", programs: D1, label: "Issued client certificate", description: "Your mTLS client certificate, signed by the Thales CA from your CSR.", content: "certificates", required: true, fileStem: "client-certificate" },
  CUSTOMER_TLS_CLIENT_CERTIFICATE: { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE", direction: "CUSTOMER_TO_THALES", programs: ["tsh"], label: "Self-signed client certificate", description: "Your self-signed mTLS client certificate, pinned by Thales TSH.", content: "certificate", check: "client-certificate", required: true, fileStem: "customer-client-certificate" },
  CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN: { kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", direction: "CUSTOMER_TO_THALES", programs: ALL, label: "Server certificate chain", description: "The certificate chain of your endpoint that Thales calls.", content: "certificates", check: "server-chain", required: true, fileStem: "customer-server-chain" },
  CUSTOMER_TRUST_STORE: { kind: "CUSTOMER_TRUST_STORE", direction: "CUSTOMER_TO_THALES", programs: ALL, label: "Server trust store (PEM)", description: "CA certificates Thales must trust for your endpoint, needed when its chain is not from a Mozilla-trusted CA.", content: "certificates", check: "trust-store", required: false, fileStem: "customer-trust-store" },
  ISSUER_HOST: { kind: "ISSUER_HOST", direction: "CUSTOMER_TO_THALES", programs: ALL, label: "Your endpoint host", description: "DNS name and port (443 or 8443) of the endpoint Thales calls.", content: "host", required: true, fileStem: "issuer-host" },
  THALES_CLIENT_CA: { kind: "THALES_CLIENT_CA", direction: "THALES_TO_CUSTOMER", programs: D1, label: "Thales client CA", description: "Trust this CA for calls from Thales. Never pin the Thales client certificate: it rotates without notice.", content: "certificates", required: true, fileStem: "thales-client-ca" },
  TSH_TLS_CLIENT_CERTIFICATE: { kind: "TSH_TLS_CLIENT_CERTIFICATE", direction: "THALES_TO_CUSTOMER", programs: ["tsh"], label: "Thales TSH client CA", description: "Trust it to accept TLS connections from Thales TSH.", content: "certificates", required: true, fileStem: "tsh-client-ca" },
  D1_SERVER_CA_BUNDLE: { kind: "D1_SERVER_CA_BUNDLE", direction: "THALES_TO_CUSTOMER", programs: D1, label: "D1 server CA bundle", description: "CA bundle (Amazon roots) to trust the D1 server.", content: "certificates", required: true, fileStem: "d1-server-ca-bundle" },
  TSH_TLS_SERVER_CERTIFICATE_CHAIN: { kind: "TSH_TLS_SERVER_CERTIFICATE_CHAIN", direction: "THALES_TO_CUSTOMER", programs: ["tsh"], label: "TSH server certificate chain", description: "Trust it to call Thales TSH.", content: "certificates", required: true, fileStem: "tsh-server-chain" },
  D1_INBOUND_HOST: { kind: "D1_INBOUND_HOST", direction: "THALES_TO_CUSTOMER", programs: D1, label: "D1 host to call", description: "Host name of D1, with the API base path.", content: "host", required: true, fileStem: "d1-inbound-host" },
  TSH_INBOUND_HOST: { kind: "TSH_INBOUND_HOST", direction: "THALES_TO_CUSTOMER", programs: ["tsh"], label: "TSH host to call", description: "Host name of TSH, with the API base path.", content: "host", required: true, fileStem: "tsh-inbound-host" },
};

export function isAssetKind(value: string): value is AssetKind {
  return (ASSET_KINDS as readonly string[]).includes(value);
}

/** The kinds exchanged on a connection of this program, in the order the board shows them. */
export function kindsFor(program: Program): KindInfo[] {
  return ASSET_KINDS.map((kind) => KINDS[kind]).filter((info) => info.programs.includes(program));
}

/** Kinds a customer uploads (vs kinds Thales publishes). */
export function isCustomerKind(kind: AssetKind): boolean {
  return KINDS[kind].direction === "CUSTOMER_TO_THALES";
}
