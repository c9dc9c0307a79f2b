import "server-only";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import type { VersionState } from "@/lib/assets/lifecycle";
import type { Tx } from "../db/client";
import { newId } from "../ids";
import { insertRows } from "../db/insert-rows";
import { lookupColumns } from "./version-record";

/** Where a new version of one kind goes on one connection: its asset and the sequence number it takes. */
export type AssetSlot = { assetId: string; organizationId: string; seq: number };

/**
 * Inside the caller's transaction: the connection's asset of `kind` (created on first use, its direction from the
 * kinds table) and the next version's `seq`. Every writer of a new version (an upload, a publication, an issued
 * certificate) takes its slot here; a concurrent writer of the same slot fails on the (assetId, seq) unique key.
 */
export async function assetSlot(
  tx: Tx,
  target: { connectionId: string; organizationId: string },
  kind: AssetKind,
): Promise<AssetSlot> {
  // Most writers find the asset already there: one statement reads it and its last seq (raw, for the reason in
  // db/insert-rows.ts: this runs under SQLite's write lock). Prisma's upsert with nothing to update ran three on
  // every new version (issue 16), so it only runs when the asset is missing, where it settles a concurrent first
  // writer; the same statement then reads what it settled on.
  const read = async () =>
    (
      await tx.$queryRaw<{ id: string; seq: number | bigint | null }[]>`
        SELECT a.id, (SELECT MAX(v.seq) FROM "AssetVersion" v WHERE v."assetId" = a.id) AS seq FROM "Asset" a
        WHERE a."connectionId" = ${target.connectionId} AND a.kind = ${kind}`
    )[0];
  let found = await read();
  if (!found) {
    await tx.asset.upsert({
      where: { connectionId_kind: { connectionId: target.connectionId, kind } },
      create: {
        id: newId(),
        connectionId: target.connectionId,
        organizationId: target.organizationId,
        kind,
        direction: KINDS[kind].direction,
      },
      update: {},
      select: { id: true },
    });
    found = await read();
    if (!found) throw new Error(`assetSlot: the ${kind} asset of connection ${target.connectionId} is missing`);
  }
  return { assetId: found.id, organizationId: target.organizationId, seq: Number(found.seq ?? 0) + 1 };
}

/** What the writers of a version differ in; ids, `seq`, timestamps and the search columns are `startVersion`'s. */
export type VersionContent = {
  state: VersionState;
  normalizedPem: string | null;
  host?: string | null;
  basePath?: string | null;
  port?: number | null;
  sha256: string;
  /** The stored report (`serializeReport`): the search columns are read from it. */
  report: string;
  findings: string;
  notAfter: Date | null;
  originalSha256?: string | null;
  originalSize?: number | null;
  originalFilename?: string | null;
  uploadedById: string;
  cutOverAt?: Date | null;
  issuedFromVersionId?: string;
};

/**
 * Inside the caller's transaction: the new version in `slot`, created at `now` in `content.state`, with the lookup
 * columns (`lookupColumns`) every version needs to be found by serial, subject or key. Returns its id.
 */
export async function startVersion(tx: Tx, slot: AssetSlot, content: VersionContent, now: Date): Promise<string> {
  const versionId = newId();
  await insertRows(tx, "AssetVersion", [
    {
      id: versionId,
      assetId: slot.assetId,
      organizationId: slot.organizationId,
      seq: slot.seq,
      stateChangedAt: now,
      createdAt: now,
      ...content,
      ...lookupColumns(content.report),
    },
  ]);
  return versionId;
}
