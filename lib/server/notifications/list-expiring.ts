import "server-only";
import { z } from "zod";
import { IN_FORCE } from "@/lib/assets/lifecycle";
import { ASSET_KINDS, KINDS, isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { DAY_MS, ENVIRONMENTS, daysLeft, expiryStage, isEnvironment, type Environment } from "@/lib/pki";
import type { FilteredList } from "../actor";
import { requirePermission } from "../auth/guards";
import { parseStoredReport } from "../assets/version-record";
import { VERSION_PLACE } from "../connections/named-connection";

export const expiringFilter = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(90),
  organization: z.string().trim().max(200).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
});
export type ExpiringFilter = z.infer<typeof expiringFilter>;

export type ExpiringRow = {
  organization: string;
  identifier: string;
  program: string;
  environment: Environment;
  connectionId: string;
  kind: AssetKind;
  kindLabel: string;
  versionId: string;
  seq: number;
  subject: string;
  sha256: string;
  notAfter: Date;
  daysLeft: number;
  threshold: string;
};

const byExpiry = (a: ExpiringRow, b: ExpiringRow) =>
  a.notAfter.getTime() - b.notAfter.getTime() || a.organization.localeCompare(b.organization);

/** Versions the CSV export reads at a time (`listAllExpiring`): each carries its stored report. */
export const EXPIRING_BATCH = 5000;

export type ExpiringPage = {
  /** Each certificate expiring within the horizon, of the versions on this page. */
  rows: ExpiringRow[];
  /** How many versions in force expire within the horizon (the page counts versions, each with its certificates). */
  versions: number;
};

/**
 * Thales' "expiring" view: every certificate of every version in force, across organizations, that expires
 * within `days` (expired ones included). The same definition of "in force" as the expiry watch. Versions come
 * soonest first (a version's `notAfter` is its earliest certificate's), a page of `limit` at a time with the whole
 * count; each brings its certificates within the horizon, sorted by expiry within the page (`listAllExpiring` reads
 * every page, for the CSV). It read up to 5,000 versions in no order before, so at 10,000 versions the soonest could
 * be missing, and the page sent all of them (2.6 MB, issue 16).
 */
export async function listExpiring({
  db,
  actor,
  filter,
  now = new Date(),
  limit,
  offset = 0,
}: FilteredList<ExpiringFilter> & { limit: number; offset?: number }): Promise<ExpiringPage> {
  requirePermission(actor, "connection:read-any");
  const horizon = new Date(now.getTime() + filter.days * DAY_MS);
  const where = {
    state: { in: [...IN_FORCE] },
    notAfter: { lte: horizon },
    asset: {
      ...(filter.kind ? { kind: filter.kind } : {}),
      connection: {
        ...(filter.environment ? { environment: filter.environment } : {}),
        ...(filter.organization ? { identifier: { organization: { name: { contains: filter.organization } } } } : {}),
      },
    },
  };
  const [versions, total] = await Promise.all([
    db.assetVersion.findMany({
      where,
      orderBy: [{ notAfter: "asc" }, { id: "asc" }],
      skip: offset,
      take: limit,
      select: {
        id: true,
        seq: true,
        report: true,
        asset: { select: VERSION_PLACE },
      },
    }),
    db.assetVersion.count({ where }),
  ]);
  const rows: ExpiringRow[] = [];
  for (const v of versions) {
    const { kind, connection } = v.asset;
    const environment = connection.environment;
    if (!isAssetKind(kind) || !isEnvironment(environment)) continue;
    for (const c of parseStoredReport(v.report).certificates ?? []) {
      const notAfter = new Date(c.notAfter);
      if (notAfter > horizon) continue;
      rows.push({
        organization: connection.identifier.organization.name,
        identifier: connection.identifier.value,
        program: connection.identifier.program,
        environment,
        connectionId: connection.id,
        kind,
        kindLabel: KINDS[kind].label,
        versionId: v.id,
        seq: v.seq,
        subject: c.subject,
        sha256: c.sha256,
        notAfter,
        daysLeft: Math.floor(daysLeft(notAfter, now)),
        threshold: String(expiryStage(notAfter, now) ?? ""),
      });
    }
  }
  return { rows: rows.sort(byExpiry), versions: total };
}

/**
 * Every certificate the view would list, read EXPIRING_BATCH versions at a time (the CSV export), sorted by expiry
 * as a whole. It stopped at the first 5,000 versions before, silently.
 */
export async function listAllExpiring({
  batch = EXPIRING_BATCH,
  ...args
}: FilteredList<ExpiringFilter> & { now?: Date; batch?: number }): Promise<ExpiringRow[]> {
  const now = args.now ?? new Date(); // one horizon for every batch
  const rows: ExpiringRow[] = [];
  for (let offset = 0; ; offset += batch) {
    const page = await listExpiring({ ...args, now, limit: batch, offset });
    rows.push(...page.rows);
    if (offset + batch >= page.versions) return rows.sort(byExpiry);
  }
}
