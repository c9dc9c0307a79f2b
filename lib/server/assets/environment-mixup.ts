import "server-only";
import { checkEnvironmentMixup, keyPins, type CheckReport, type Finding } from "@/lib/pki";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { ConnectionContext } from "../connections/load-connection";
import { parseStoredReport } from "./version-record";

/**
 * Loads the same kind's versions on the identifier's other environments that carry the upload's key; lib/pki decides
 * (checkEnvironmentMixup). One raw query that SQLite and PostgreSQL both run as is, by the versions' `keyPin` index
 * (migration 0024): it reads only the versions holding that key, where it used to read and parse every report of the
 * siblings' whole history on each upload (issue 16).
 */
export async function environmentMixup(
  db: Db,
  connection: ConnectionContext,
  kind: string,
  report: CheckReport,
): Promise<Finding[]> {
  const pins = keyPins(report);
  if (pins.length === 0) return [];
  const siblings = await db.$queryRaw<{ environment: string; report: string }[]>`
    SELECT c.environment, v.report
    FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" JOIN "Connection" c ON c.id = a."connectionId"
    WHERE v."keyPin" IN (${Prisma.join(pins)}) AND a.kind = ${kind}
      AND c."identifierId" = ${connection.identifierId} AND c.environment <> ${connection.environment}
    LIMIT 1`;
  return checkEnvironmentMixup({
    report,
    connection,
    siblings: siblings.map((s) => ({ environment: s.environment, report: parseStoredReport(s.report) })),
  });
}
