import "server-only";
import { z } from "zod";
import { KINDS, isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { SEARCH_EXPORT_CAP, SEARCH_PAGE_SIZE, SEARCH_QUERY_MAX, parseSearchQuery } from "@/lib/assets/search";
import { isEnvironment, type Environment } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { tenantWhere } from "../connections/scope";
import { parseStoredReport } from "../assets/version-record";
import { VERSION_PLACE } from "../connections/named-connection";

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "Type a serial, a SHA-256 fingerprint, a subject or an identifier.")
    .max(SEARCH_QUERY_MAX),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** One version a search found: the connection it belongs to and what identifies its certificate, CSR or host. */
export type SearchHitView = {
  versionId: string;
  connectionId: string;
  organization: string;
  program: string;
  identifier: string;
  environment: Environment;
  kind: AssetKind;
  kindLabel: string;
  seq: number;
  state: string;
  subject: string | null;
  serial: string | null;
  sha256: string;
  host: string | null;
  notAfter: Date | null;
  createdAt: Date;
};
export type SearchPageView = { query: string; page: number; hasMore: boolean; items: SearchHitView[] };

/**
 * Search versions by serial (hex, colons or not), SHA-256 fingerprint, subject text (CN, O…) or identifier; every
 * reading of the query that fits is tried at once (lib/assets/search.ts). Thales delivery and admins search every
 * organization; a customer only its own (the tenancy `where`: another organization's serial is simply not
 * found). Newest first, a page at a time; `all` is the CSV export, capped.
 */
export async function searchVersions({
  db,
  actor,
  query,
  all = false,
}: {
  db: Db;
  actor: Actor;
  query: SearchQuery;
  all?: boolean;
}): Promise<SearchPageView> {
  const terms = parseSearchQuery(query.q);
  const empty = { query: query.q, page: query.page, hasMore: false, items: [] };
  if (!terms) return empty;
  const or: object[] = [];
  if (terms.fingerprint) or.push({ sha256: terms.fingerprint });
  if (terms.serial) or.push({ serialHex: terms.serial });
  if (terms.text) {
    or.push({ subjectSearch: { contains: terms.text } });
    // Identifiers are case-sensitive in PostgreSQL's LIKE: try the text as typed and upper-cased (their usual form).
    const values = [...new Set([query.q.trim(), query.q.trim().toUpperCase()])];
    for (const value of values) or.push({ asset: { connection: { identifier: { value: { contains: value } } } } });
  }
  const take = all ? SEARCH_EXPORT_CAP : SEARCH_PAGE_SIZE + 1;
  const rows = await db.assetVersion.findMany({
    where: { ...tenantWhere(actor), OR: or },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: all ? 0 : (query.page - 1) * SEARCH_PAGE_SIZE,
    take,
    select: {
      id: true,
      seq: true,
      state: true,
      sha256: true,
      serialHex: true,
      host: true,
      basePath: true,
      report: true,
      notAfter: true,
      createdAt: true,
      asset: { select: VERSION_PLACE },
    },
  });
  const hasMore = !all && rows.length > SEARCH_PAGE_SIZE;
  const items = rows.slice(0, all ? SEARCH_EXPORT_CAP : SEARCH_PAGE_SIZE).flatMap((v): SearchHitView[] => {
    const { kind, connection } = v.asset;
    if (!isAssetKind(kind) || !isEnvironment(connection.environment)) return [];
    const report = parseStoredReport(v.report);
    const first = report.certificates?.[0];
    return [
      {
        versionId: v.id,
        connectionId: connection.id,
        organization: connection.identifier.organization.name,
        program: connection.identifier.program,
        identifier: connection.identifier.value,
        environment: connection.environment,
        kind,
        kindLabel: KINDS[kind].label,
        seq: v.seq,
        state: v.state,
        subject: first?.subject ?? report.csr?.subject ?? null,
        serial: first?.serialNumber ?? null,
        sha256: v.sha256,
        host: v.host ? `${v.host}${v.basePath ?? ""}` : null,
        notAfter: v.notAfter,
        createdAt: v.createdAt,
      },
    ];
  });
  return { query: query.q, page: query.page, hasMore, items };
}
