import "server-only";
import { checkEnvironmentMixup, type CheckReport, type Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { ConnectionContext } from "../connections/load-connection";
import { parseStoredReport } from "./version-record";

/** Loads the same kind's versions on the identifier's other environments; lib/pki decides (checkEnvironmentMixup). */
export async function environmentMixup(
  db: Db,
  connection: ConnectionContext,
  kind: string,
  report: CheckReport,
): Promise<Finding[]> {
  if (!report.csr && report.certificates.length === 0) return [];
  const siblings = await db.assetVersion.findMany({
    where: {
      asset: {
        kind,
        connection: { identifierId: connection.identifierId, environment: { not: connection.environment } },
      },
    },
    select: { report: true, asset: { select: { connection: { select: { environment: true } } } } },
  });
  return checkEnvironmentMixup({
    report,
    connection,
    siblings: siblings.map((s) => ({
      environment: s.asset.connection.environment,
      report: parseStoredReport(s.report),
    })),
  });
}
