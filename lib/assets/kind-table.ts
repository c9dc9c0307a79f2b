/**
 * The asset kind table of DESIGN.md §2: one vocabulary for UI, API, database and audit, and every behaviour
 * that differs by kind as a field. lib/assets/kinds.ts derives the lists (ASSET_KINDS, customer kinds, …).
 * Adding a kind is one entry here (plus, at most, the code that is truly new).
 */
import type { AssetCheckKind, Program } from "@/lib/pki/policy/rules";
import type { DownloadFormat } from "./download-formats";

export type Direction = "CUSTOMER_TO_THALES" | "THALES_TO_CUSTOMER";
export type Content = "csr" | "certificate" | "certificates" | "host";

export type KindEntry = {
  direction: Direction;
  programs: readonly Program[];
  /** The customer's wording (the customer reads "your"). */
  label: string;
  description: string;
  /** Thales staff's wording where it differs: they read about the customer's material, not their own. */
  thales?: { label?: string; description?: string };
  content: Content;
  /** lib/pki check for customer uploads. */
  check?: AssetCheckKind;
  /** Who puts a version in: the customer uploads it, Thales publishes it, or Thales issues it from a CSR. */
  providedBy: "customer" | "thales-publish" | "thales-issue";
  /** For a CSR: the kind of the certificate Thales issues from it once approved. */
  issuedAs?: string;
  /** Needed for go-live on every connection of its programs, or only when the server chain needs a trust store. */
  required: boolean | "if-trust-store-needed";
  /** Which trust-store export includes the kind's CA certificates: the customer's or the Thales backend's. */
  trustedBy?: "customer" | "thales-backend";
  /** Thales publications: a leaf in a CA kind is a warning; in a chain kind, a note. */
  publishedLeaf?: "ca-only" | "chain";
  /** The download formats the UI offers, in order. */
  downloads: readonly DownloadFormat[];
  /** `pem` is the leaf alone (the rest of the chain comes with `pem-chain`). */
  pemIsLeaf?: boolean;
  /** Stem of download file names. */
  fileStem: string;
  /**
   * Renewal with overlap: when a new version comes in force, the old one stays in force beside it (in every
   * export) until the cut-over the customer chose (default: the old certificate's expiry), or for a Thales
   * publication the one Thales chose (default: PUBLICATION_OVERLAP_DAYS, lib/assets/rotation.ts). Without it, the
   * new version replaces the old one at once (a CSR: its issued certificate overlaps; a host: a connection calls
   * one host, so two in force would be ambiguous).
   */
  overlap?: true;
  /** The customer's client certificate the D1/TSH backend accepts on calls from the customer (its backend view). */
  backendAccepts?: true;
};

const D1 = ["d1", "d1-ecom"] as const satisfies readonly Program[];
const ALL = ["d1", "d1-ecom", "tsh"] as const satisfies readonly Program[];
const BUNDLE: readonly DownloadFormat[] = ["pem", "der", "p7b", "p12", "jks"];

/**
 * CA certificates Thales publishes for the customer to trust: needed for go-live, in the customer's trust-store
 * export, offered in every bundle format, renewed with overlap.
 */
const THALES_PUBLISHED_TRUST = {
  direction: "THALES_TO_CUSTOMER",
  content: "certificates",
  providedBy: "thales-publish",
  required: true,
  trustedBy: "customer",
  downloads: BUNDLE,
  overlap: true,
} as const;

export const KIND_TABLE = {
  CUSTOMER_CSR: {
    direction: "CUSTOMER_TO_THALES",
    programs: D1,
    label: "Client certificate request (CSR)",
    description: "CSR for your mTLS client certificate, signed by the Thales CA.",
    thales: { description: "CSR for the customer's mTLS client certificate, signed by the Thales CA." },
    content: "csr",
    check: "csr",
    providedBy: "customer",
    issuedAs: "ISSUED_TLS_CLIENT_CERTIFICATE",
    required: true,
    downloads: ["pem", "der"],
    fileStem: "client-csr",
  },
  ISSUED_TLS_CLIENT_CERTIFICATE: {
    direction: "THALES_TO_CUSTOMER",
    programs: D1,
    label: "Issued client certificate",
    description: "Your mTLS client certificate, signed by the Thales CA from your CSR.",
    thales: { description: "The customer's mTLS client certificate, signed by the Thales CA from their CSR." },
    content: "certificates",
    providedBy: "thales-issue",
    required: true,
    downloads: ["pem", "pem-chain", "der", "p7b", "p12", "jks"],
    pemIsLeaf: true,
    fileStem: "client-certificate",
    overlap: true,
    backendAccepts: true,
  },
  CUSTOMER_TLS_CLIENT_CERTIFICATE: {
    direction: "CUSTOMER_TO_THALES",
    programs: ["tsh"],
    label: "Self-signed client certificate",
    description: "Your self-signed mTLS client certificate, pinned by Thales TSH.",
    thales: { description: "The customer's self-signed mTLS client certificate, pinned by Thales TSH." },
    content: "certificate",
    check: "client-certificate",
    providedBy: "customer",
    required: true,
    downloads: BUNDLE,
    fileStem: "customer-client-certificate",
    overlap: true,
    backendAccepts: true,
  },
  CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN: {
    direction: "CUSTOMER_TO_THALES",
    programs: ALL,
    label: "Server certificate chain",
    description: "The certificate chain of your endpoint that Thales calls.",
    thales: { description: "The certificate chain of the customer's endpoint that Thales calls." },
    content: "certificates",
    check: "server-chain",
    providedBy: "customer",
    required: true,
    trustedBy: "thales-backend",
    downloads: BUNDLE,
    fileStem: "customer-server-chain",
    overlap: true,
  },
  CUSTOMER_TRUST_STORE: {
    direction: "CUSTOMER_TO_THALES",
    programs: ALL,
    label: "Server trust store (PEM)",
    description:
      "CA certificates Thales must trust for your endpoint, needed when its chain is not from a " +
      "Mozilla-trusted CA.",
    thales: {
      description:
        "CA certificates Thales must trust for the customer's endpoint, needed when its chain is not from a " +
        "Mozilla-trusted CA.",
    },
    content: "certificates",
    check: "trust-store",
    providedBy: "customer",
    required: "if-trust-store-needed",
    trustedBy: "thales-backend",
    downloads: BUNDLE,
    fileStem: "customer-trust-store",
    overlap: true,
  },
  ISSUER_HOST: {
    direction: "CUSTOMER_TO_THALES",
    programs: ALL,
    label: "Your endpoint host",
    thales: { label: "The customer's endpoint host" },
    description: "DNS name and port (443 or 8443) of the endpoint Thales calls.",
    content: "host",
    providedBy: "customer",
    required: true,
    downloads: ["txt"],
    fileStem: "issuer-host",
  },
  THALES_CLIENT_CA: {
    ...THALES_PUBLISHED_TRUST,
    programs: D1,
    label: "Thales client CA",
    description:
      "Trust this CA for calls from Thales. Never pin the Thales client certificate: it rotates " + "without notice.",
    publishedLeaf: "ca-only",
    fileStem: "thales-client-ca",
  },
  TSH_TLS_CLIENT_CERTIFICATE: {
    ...THALES_PUBLISHED_TRUST,
    programs: ["tsh"],
    label: "Thales TSH client CA",
    description: "Trust it to accept TLS connections from Thales TSH.",
    publishedLeaf: "ca-only",
    fileStem: "tsh-client-ca",
  },
  D1_SERVER_CA_BUNDLE: {
    ...THALES_PUBLISHED_TRUST,
    programs: D1,
    label: "D1 server CA bundle",
    description: "CA bundle (Amazon roots) to trust the D1 server.",
    publishedLeaf: "ca-only",
    fileStem: "d1-server-ca-bundle",
  },
  TSH_TLS_SERVER_CERTIFICATE_CHAIN: {
    ...THALES_PUBLISHED_TRUST,
    programs: ["tsh"],
    label: "TSH server certificate chain",
    description: "Trust it to call Thales TSH.",
    publishedLeaf: "chain",
    fileStem: "tsh-server-chain",
  },
  D1_INBOUND_HOST: {
    direction: "THALES_TO_CUSTOMER",
    programs: D1,
    label: "D1 host to call",
    description: "Host name of D1, with the API base path.",
    content: "host",
    providedBy: "thales-publish",
    required: true,
    downloads: ["txt"],
    fileStem: "d1-inbound-host",
  },
  TSH_INBOUND_HOST: {
    direction: "THALES_TO_CUSTOMER",
    programs: ["tsh"],
    label: "TSH host to call",
    description: "Host name of TSH, with the API base path.",
    content: "host",
    providedBy: "thales-publish",
    required: true,
    downloads: ["txt"],
    fileStem: "tsh-inbound-host",
  },
} as const satisfies Record<string, KindEntry>;
