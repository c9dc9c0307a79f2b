import "server-only";
import { isEnvironment, isProgram, type Environment, type Program } from "@/lib/pki";
import { isAssetKind } from "@/lib/assets/kinds";
import { isVersionState } from "@/lib/assets/lifecycle";
import { readiness, type AssetSnapshot, type Readiness } from "@/lib/assets/readiness";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { tenantWhere } from "./scope";
import { parseStoredReport } from "../assets/version-record";


export type ConnectionRow = {
  id: string;
  organizationId: string;
  organization: string;
  program: Program;
  identifier: string;
  environment: Environment;
  expectedCn: string | null;
  readiness: Readiness;
};

export type ListConnectionsFilter = { id?: string; organizationId?: string; program?: Program; environment?: Environment };

/**
 * Every connection the actor may see with its go-live readiness (lib/assets/readiness.ts): the landing page
 * of customers, and Thales' overview across organizations.
 */
export async function listConnections({ db, actor, filter = {}, now = new Date() }: { db: Db; actor: Actor; filter?: ListConnectionsFilter; now?: Date }): Promise<ConnectionRow[]> {
  const rows = await db.connection.findMany({
    // Tenancy is one AND term the caller's filter cannot override (a customer asking for another
    // organization gets nothing, not that organization).
    where: {
      AND: [
        tenantWhere(actor),
        {
          ...(filter.id ? { id: filter.id } : {}),
          ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
          ...(filter.environment ? { environment: filter.environment } : {}),
          ...(filter.program ? { identifier: { program: filter.program } } : {}),
        },
      ],
    },
    orderBy: [{ identifier: { organization: { name: "asc" } } }, { identifier: { value: "asc" } }, { environment: "asc" }],
    select: {
      id: true, organizationId: true, environment: true, expectedCn: true,
      identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
      assets: { select: { kind: true, currentVersionId: true, versions: { orderBy: { seq: "desc" }, take: 1, select: { id: true, state: true, report: true } } } },
    },
  });
  const currentIds = rows.flatMap((r) => r.assets.map((a) => a.currentVersionId).filter((id): id is string => !!id));
  const current = new Map(
    (await db.assetVersion.findMany({ where: { id: { in: currentIds } }, select: { id: true, state: true, notAfter: true, report: true } })).map((v) => [v.id, v]),
  );
  return rows.flatMap((row) => {
    const program = row.identifier.program;
    if (!isProgram(program) || !isEnvironment(row.environment)) return [];
    let trustStoreNeeded = false;
    const snapshots: AssetSnapshot[] = row.assets.flatMap((asset) => {
      if (!isAssetKind(asset.kind)) return [];
      const latest = asset.versions[0];
      const inForce = asset.currentVersionId ? current.get(asset.currentVersionId) : undefined;
      if (asset.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN") {
        const report = inForce?.report ?? latest?.report;
        if (report && parseStoredReport(report).anchoredInMozilla === false) trustStoreNeeded = true;
      }
      return [{
        kind: asset.kind,
        current: inForce && isVersionState(inForce.state) ? { state: inForce.state, notAfter: inForce.notAfter } : undefined,
        latest: latest && isVersionState(latest.state) ? { state: latest.state } : undefined,
      }];
    });
    return [{
      id: row.id,
      organizationId: row.organizationId,
      organization: row.identifier.organization.name,
      program,
      identifier: row.identifier.value,
      environment: row.environment,
      expectedCn: row.expectedCn,
      readiness: readiness(program, row.environment, snapshots, { now, trustStoreNeeded }),
    }];
  });
}
