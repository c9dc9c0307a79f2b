import "server-only";
import { caChangeStatus, type CaChangeStatus } from "@/lib/assets/ca-change";
import { isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { isVersionState, type VersionState } from "@/lib/assets/lifecycle";
import { isEnvironment, isProgram, type Environment, type Program } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { tenantWhere } from "../connections/scope";

export type CaChangeView = {
  id: string;
  organization: { id: string; name: string };
  connectionId: string;
  identifier: string;
  program: Program;
  environment: Environment;
  changeAt: Date;
  retireAt: Date;
  status: CaChangeStatus;
  versions: { id: string; kind: AssetKind; seq: number; state: VersionState }[];
  createdAt: Date;
};

/** At most this many; a change leaves the list once its grace period is over. */
const LIMIT = 500;

/**
 * Server CA changes announced by customers that are still ahead or in their grace period, soonest first: every
 * organization's for Thales, the caller's own for a customer (another organization's are simply not there).
 * Three flat queries whatever the number of changes.
 */
export async function listCaChanges({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }) {
  const rows = await db.caChange.findMany({
    where: { ...tenantWhere(actor), retireAt: { gte: now } },
    orderBy: [{ changeAt: "asc" }, { createdAt: "asc" }],
    take: LIMIT,
  });
  const versionIds = rows.flatMap((r) => JSON.parse(r.versionIds) as string[]);
  const [connections, versions] = await Promise.all([
    db.connection.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.connectionId))] } },
      select: {
        id: true,
        environment: true,
        identifier: { select: { value: true, program: true, organization: { select: { id: true, name: true } } } },
      },
    }),
    db.assetVersion.findMany({
      where: { id: { in: versionIds } },
      select: { id: true, seq: true, state: true, asset: { select: { kind: true } } },
    }),
  ]);
  const connectionById = new Map(connections.map((c) => [c.id, c]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  return rows.flatMap((row): CaChangeView[] => {
    const connection = connectionById.get(row.connectionId);
    if (!connection || !isProgram(connection.identifier.program) || !isEnvironment(connection.environment)) return [];
    const brought = (JSON.parse(row.versionIds) as string[]).flatMap((id) => {
      const v = versionById.get(id);
      return v && isAssetKind(v.asset.kind) && isVersionState(v.state)
        ? [{ id: v.id, kind: v.asset.kind, seq: v.seq, state: v.state }]
        : [];
    });
    return [
      {
        id: row.id,
        organization: connection.identifier.organization,
        connectionId: connection.id,
        identifier: connection.identifier.value,
        program: connection.identifier.program,
        environment: connection.environment,
        changeAt: row.changeAt,
        retireAt: row.retireAt,
        status: caChangeStatus(
          brought.map((v) => v.state),
          row.retireAt,
          now,
        ),
        versions: brought,
        createdAt: row.createdAt,
      },
    ];
  });
}
