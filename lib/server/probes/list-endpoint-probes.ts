import "server-only";
import type { ProbeResult } from "@/lib/pki/probe/evaluate";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadConnection } from "../connections/load-connection";

export type EndpointProbeRecord = ProbeResult & { id: string; trigger: string; createdAt: Date };

/** A connection's endpoint checks, newest first (whoever may see the connection may see its checks). */
export async function listEndpointProbes({
  db,
  actor,
  connectionId,
  limit = 20,
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
  limit?: number;
}): Promise<EndpointProbeRecord[]> {
  const connection = await loadConnection(db, actor, connectionId);
  const rows = await db.endpointProbe.findMany({
    where: { connectionId: connection.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, trigger: true, createdAt: true, result: true },
  });
  return rows.map((r) => ({
    ...(JSON.parse(r.result) as ProbeResult),
    id: r.id,
    trigger: r.trigger,
    createdAt: r.createdAt,
  }));
}
