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

/**
 * Thales' "expiring" view: every certificate of every version in force, across organizations, that expires
 * within `days` (expired ones included), soonest first. The same definition of "in force" as the expiry watch.
 */
export async function listExpiring({
  db,
  actor,
  filter,
  now = new Date(),
}: FilteredList<ExpiringFilter>): Promise<ExpiringRow[]> {
  requirePermission(actor, "connection:read-any");
  const horizon = new Date(now.getTime() + filter.days * DAY_MS);
  const versions = await db.assetVersion.findMany({
    where: {
      state: { in: [...IN_FORCE] },
      notAfter: { lte: horizon },
      asset: {
        ...(filter.kind ? { kind: filter.kind } : {}),
        connection: {
          ...(filter.environment ? { environment: filter.environment } : {}),
          ...(filter.organization ? { identifier: { organization: { name: { contains: filter.organization } } } } : {}),
        },
      },
    },
    take: 5000,
    select: {
      id: true,
      seq: true,
      report: true,
      asset: { select: VERSION_PLACE },
    },
  });
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
  return rows.sort(
    (a, b) => a.notAfter.getTime() - b.notAfter.getTime() || a.organization.localeCompare(b.organization),
  );
}
