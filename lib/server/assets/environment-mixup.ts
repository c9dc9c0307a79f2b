import "server-only";
import type { CheckReport, Finding } from "@/lib/pki";
import type { Db } from "../db/client";
import type { ConnectionContext } from "../connections/load-connection";
import { parseStoredReport } from "./version-record";

function spkiPins(report: { certificates: { details: { spkiSha256: string } }[]; csr?: { details: { spkiSha256: string } } }): string[] {
  return [report.csr?.details.spkiSha256, report.certificates[0]?.details.spkiSha256].filter((pin): pin is string => !!pin);
}

/**
 * PreProd and Production never mix (DESIGN.md §3): a CSR or client certificate whose key was already
 * submitted on the same identifier's other environment is refused, whatever its CN says.
 */
export async function environmentMixup(db: Db, connection: ConnectionContext, kind: string, report: CheckReport): Promise<Finding[]> {
  const pins = spkiPins(report);
  if (pins.length === 0) return [];
  const siblings = await db.assetVersion.findMany({
    where: { asset: { kind, connection: { identifierId: connection.identifierId, environment: { not: connection.environment } } } },
    select: { report: true, asset: { select: { connection: { select: { environment: true } } } } },
  });
  for (const sibling of siblings) {
    const stored = parseStoredReport(sibling.report);
    if (spkiPins(stored).some((pin) => pins.includes(pin))) {
      const other = sibling.asset.connection.environment;
      return [{
        severity: "error",
        code: "ENVIRONMENT_MIXUP",
        message: `This key was already submitted for ${other} on ${connection.identifier}. PreProd and Production must use different keys.`,
        hint: `Generate a new key pair and CSR for ${connection.environment} (the CN ends in D1.${connection.environment}).`,
      }];
    }
  }
  return [];
}
