import "server-only";
import { checkEnvironmentMixup, keyPins, type AssetCheckKind, type CheckReport, type Finding } from "@/lib/pki";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { ConnectionContext } from "../connections/load-connection";
import { parseStoredReport } from "./version-record";

/**
 * Loads the same kind's versions on the identifier's other environments that carry the upload's key; lib/pki decides
 * (checkEnvironmentMixup). Raw SQL that SQLite and PostgreSQL both run as is, seeking each sibling asset's versions
 * by `keyPin` (migration 0024): it used to read and parse every report of the siblings' whole history on each upload
 * (issue 16). Versions without a pin are read too and judged from their reports: none once 0024's data step has run,
 * but a version written by an instance still on the previous release during a rolling deploy, or a database
 * migrated without the data step (`prisma migrate deploy`), would otherwise escape the rule.
 */
export async function environmentMixup(
  db: Db,
  connection: ConnectionContext,
  kind: string,
  asset: AssetCheckKind,
  report: CheckReport,
): Promise<Finding[]> {
  const pins = keyPins(report);
  if (pins.length === 0) return [];
  const siblings = (pinned: Prisma.Sql) => Prisma.sql`
    SELECT c.environment, v.report
    FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" JOIN "Connection" c ON c.id = a."connectionId"
    WHERE ${pinned} AND a.kind = ${kind}
      AND c."identifierId" = ${connection.identifierId} AND c.environment <> ${connection.environment}`;
  // Two seeks in the (assetId, keyPin) index; an OR of the two would make SQLite walk the asset's versions.
  const rows = await db.$queryRaw<{ environment: string; report: string }[]>`
    ${siblings(Prisma.sql`v."keyPin" IN (${Prisma.join(pins)})`)}
    UNION ALL ${siblings(Prisma.sql`v."keyPin" IS NULL`)}`;
  return checkEnvironmentMixup({
    asset,
    report,
    connection,
    siblings: rows.map((s) => ({ environment: s.environment, report: parseStoredReport(s.report) })),
  });
}
