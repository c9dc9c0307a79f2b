/**
 * The asset catalogue, derived from the kind table (kind-table.ts): the kind names, the lists other layers need
 * (customer kinds, uploadable kinds, published kinds, …) and the lookups. Nothing else lists kinds.
 */
import type { Program } from "@/lib/pki/policy/rules";
import { formatApplies, DOWNLOAD_FORMAT_TABLE, type DownloadFormat } from "./download-formats";
import { KIND_TABLE, type Direction, type KindEntry } from "./kind-table";
import type { Side } from "./permissions";

export type { Content, Direction } from "./kind-table";

export const DIRECTIONS = ["CUSTOMER_TO_THALES", "THALES_TO_CUSTOMER"] as const satisfies readonly Direction[];

export type AssetKind = keyof typeof KIND_TABLE;
export const ASSET_KINDS = Object.keys(KIND_TABLE) as AssetKind[];

export type KindInfo = Omit<KindEntry, "issuedAs"> & { kind: AssetKind; issuedAs?: AssetKind };

export const KINDS = Object.fromEntries(
  ASSET_KINDS.map((kind) => [kind, { ...(KIND_TABLE[kind] as KindEntry), kind } as KindInfo]),
) as Record<AssetKind, KindInfo>;

export function isAssetKind(value: string): value is AssetKind {
  return Object.hasOwn(KIND_TABLE, value);
}

/**
 * A kind as people read it, in the reader's wording (`side` from `roleSide`: the customer reads "Your endpoint
 * host", Thales "The customer's endpoint host"); a stored value the table no longer knows is shown as it is.
 */
export function kindLabel(kind: string, side: Side): string {
  if (!isAssetKind(kind)) return kind;
  return (side === "THALES" && KINDS[kind].thales?.label) || KINDS[kind].label;
}

/** What a paste box for this kind expects to start with: a CSR form shows a CSR header, the others a certificate. */
export function pastePlaceholder(kind: string): string {
  const content = isAssetKind(kind) ? KINDS[kind].content : "certificate";
  return content === "csr" ? "-----BEGIN CERTIFICATE REQUEST-----" : "-----BEGIN CERTIFICATE-----";
}

/** A kind's one-line description in the reader's wording (see kindLabel). */
export function kindDescription(kind: AssetKind, side: Side): string {
  return (side === "THALES" && KINDS[kind].thales?.description) || KINDS[kind].description;
}

/** The kinds exchanged on a connection of this program, in the order the board shows them. */
export function kindsFor(program: Program): KindInfo[] {
  return ASSET_KINDS.map((kind) => KINDS[kind]).filter((info) => info.programs.includes(program));
}

/** Kinds a customer uploads (vs kinds Thales publishes or issues). */
export function isCustomerKind(kind: AssetKind): boolean {
  return KINDS[kind].providedBy === "customer";
}

const kindsWhere = (test: (info: KindInfo) => boolean) => ASSET_KINDS.filter((kind) => test(KINDS[kind]));

/** Customer kinds uploaded as a file, each judged by a lib/pki check (API upload and check bodies). */
export const CUSTOMER_FILE_KINDS = kindsWhere((i) => i.providedBy === "customer" && i.check !== undefined);
/** Customer kinds entered as a host name. */
export const CUSTOMER_HOST_KINDS = kindsWhere((i) => i.providedBy === "customer" && i.content === "host");
/** Kinds Thales publishes from the publish page. */
export const PUBLISHED_KINDS = kindsWhere((i) => i.providedBy === "thales-publish");
/** Kinds a Thales rotation campaign publishes: published by Thales and renewed with overlap (a cut-over). */
export const CAMPAIGN_KINDS = kindsWhere((i) => i.providedBy === "thales-publish" && i.overlap === true);
/** CSR kinds: approved, they wait for Thales to issue. */
export const ISSUABLE_KINDS = kindsWhere((i) => i.issuedAs !== undefined);

/** The kinds whose CA certificates a trust-store export for this audience includes. */
export const trustedKinds = (audience: "customer" | "thales-backend"): AssetKind[] =>
  kindsWhere((i) => i.trustedBy === audience);

/** The kinds the Thales backend view lists: client certificates it accepts, and what it trusts to call the customer. */
export const BACKEND_KINDS = kindsWhere((i) => i.backendAccepts === true || i.trustedBy === "thales-backend");

/** Whether the kind is the customer's client credential (a CSR or a client certificate it uploads). */
export const isClientCredential = (info: KindInfo): boolean =>
  info.check === "csr" || info.check === "client-certificate";

/** The download links a kind offers: format and label ("DER (first)" when a bundle has several certificates). */
export function downloadsFor(info: KindInfo): { format: DownloadFormat; label: string }[] {
  return info.downloads.map((format) => ({
    format,
    label:
      format === "der" && info.content === "certificates" && !info.pemIsLeaf
        ? "DER (first)"
        : DOWNLOAD_FORMAT_TABLE[format].label,
  }));
}

/** Whether `format` can be downloaded for this kind (any format that applies to its content). */
export const downloadable = (info: KindInfo, format: DownloadFormat): boolean => formatApplies(format, info.content);
