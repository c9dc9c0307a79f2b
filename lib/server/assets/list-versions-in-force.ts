import "server-only";
import { IN_FORCE, type VersionState } from "@/lib/assets/lifecycle";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "../connections/scope";

export type VersionInForce = {
  id: string;
  seq: number;
  state: VersionState;
  notAfter: Date | null;
  /** During a renewal's overlap, when this (old) version leaves; null for the newest version in force. */
  retireAt: Date | null;
};

/**
 * Every version of an asset in force now, newest first: one, or during a renewal's overlap the new one and the
 * old one(s) with their cut-over (`retireAt`). The read the REST API's `inForce: [...]` is built on.
 * NOT_FOUND for another organization's asset.
 */
export async function listVersionsInForce({
  db,
  actor,
  assetId,
}: {
  db: Db;
  actor: Actor;
  assetId: string;
}): Promise<VersionInForce[]> {
  const asset = await db.asset.findFirst({ where: { id: assetId, ...tenantWhere(actor) }, select: { id: true } });
  if (!asset) throw new AppError("NOT_FOUND");
  const rows = await db.assetVersion.findMany({
    where: { assetId, state: { in: [...IN_FORCE] } },
    orderBy: { seq: "desc" },
    select: { id: true, seq: true, state: true, notAfter: true, retireAt: true },
  });
  return rows.map((r) => ({
    ...r,
    state: r.state as VersionState,
    retireAt: r.state === "RETIRING" ? r.retireAt : null,
  }));
}
