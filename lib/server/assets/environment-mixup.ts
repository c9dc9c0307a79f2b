import "server-only";
import { checkEnvironmentMixup, type CheckReport, type Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { ConnectionContext } from "../connections/load-connection";
import { parseStoredReport } from "./version-record";

/**
 * Loads the same kind's versions on the identifier's other environments; lib/pki decides (checkEnvironmentMixup).
 * One query with each version's environment: Prisma's nested select cost three on every upload (issue 16). Raw SQL
 * that SQLite and PostgreSQL both run as is.
 */
export async function environmentMixup(
  db: Db,
  connection: ConnectionContext,
  kind: string,
  report: CheckReport,
): Promise<Finding[]> {
  if (!report.csr && report.certificates.length === 0) return [];
  const siblings = await db.$queryRaw<{ environment: string; report: string }[]>`
    SELECT c.environment, v.report
    FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" JOIN "Connection" c ON c.id = a."connectionId"
    WHERE a.kind = ${kind} AND c."identifierId" = ${connection.identifierId} AND c.environment <> ${connection.environment}`;
  return checkEnvironmentMixup({
    report,
    connection,
    siblings: siblings.map((s) => ({ environment: s.environment, report: parseStoredReport(s.report) })),
  });
}
