import "server-only";
import { allows, transition, type LifecycleEvent, type VersionState } from "@/lib/assets/lifecycle";
import { KINDS, isAssetKind } from "@/lib/assets/kinds";
import { retirementTime } from "@/lib/assets/rotation";
import type { Tx } from "../db/client";
import { Prisma } from "../generated/sqlite/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { VersionContext } from "./load-version";

export type ApplyTransitionOptions = {
  tx: Tx;
  actor: Actor | null;
  versionId: string;
  organizationId: string;
  from: VersionState;
  event: LifecycleEvent;
  now: Date;
  data?: { rejectionReason?: string; retireAt?: Date };
  details?: Record<string, unknown>;
  origin?: RequestOrigin;
};

/**
 * Moves a version along the lifecycle table, only from the state the caller saw (the `where` includes it),
 * and appends the audit event in the same transaction. A concurrent request that moved it first makes this
 * one a CONFLICT, so double clicks and racing reviewers cannot both win.
 */
export async function applyTransition(options: ApplyTransitionOptions): Promise<VersionState> {
  const { tx, from, event } = options;
  const result = transition(from, event);
  if (!result.ok)
    throw new AppError(
      "CONFLICT",
      `This version is ${from.toLowerCase().replace("_", " ")}: it cannot be ${event.toLowerCase().replace("_", " ")}d now.`,
    );
  // Raw: every upload that replaces a pending one runs this under SQLite's write lock (db/insert-rows.ts says why).
  const set = [Prisma.sql`state = ${result.to}`, Prisma.sql`"stateChangedAt" = ${options.now}`];
  if (options.data?.rejectionReason !== undefined)
    set.push(Prisma.sql`"rejectionReason" = ${options.data.rejectionReason}`);
  if (options.data?.retireAt !== undefined) set.push(Prisma.sql`"retireAt" = ${options.data.retireAt}`);
  const updated = await tx.$executeRaw`
    UPDATE "AssetVersion" SET ${Prisma.join(set)} WHERE id = ${options.versionId} AND state = ${from}`;
  if (updated !== 1) throw new AppError("CONFLICT");
  await recordAudit(tx, {
    action: `asset.${event.toLowerCase()}`,
    actor: options.actor,
    organizationId: options.organizationId,
    target: { type: "AssetVersion", id: options.versionId },
    before: { state: from },
    after: { state: result.to },
    details: options.details,
    origin: options.origin,
  });
  return result.to;
}

/**
 * `applyTransition` for a version a use case loaded: from the state it was loaded in, in its connection's
 * organization, so each use case names only the event and what it records.
 */
export function moveVersion(
  tx: Tx,
  version: VersionContext,
  move: Omit<ApplyTransitionOptions, "tx" | "versionId" | "organizationId" | "from">,
): Promise<VersionState> {
  return applyTransition({
    ...move,
    tx,
    versionId: version.id,
    organizationId: version.connection.organizationId,
    from: version.state,
  });
}

/**
 * Makes `versionId` the asset's version in force. The one before it is superseded at once, or, for a kind that
 * renews with overlap, stays in force beside it (RETIRING) until the cut-over: the new version's chosen
 * `cutOverAt`, by default the old certificate's expiry (lib/assets/rotation.ts). The retire-versions job ends it.
 */
export async function makeCurrent(
  tx: Tx,
  options: {
    assetId: string;
    versionId: string;
    organizationId: string;
    actor: Actor | null;
    now: Date;
    origin?: RequestOrigin;
  },
): Promise<void> {
  const asset = await tx.asset.findUniqueOrThrow({
    where: { id: options.assetId },
    select: { currentVersionId: true, kind: true },
  });
  if (asset.currentVersionId && asset.currentVersionId !== options.versionId) {
    const previous = await tx.assetVersion.findUniqueOrThrow({
      where: { id: asset.currentVersionId },
      select: { state: true, notAfter: true },
    });
    const next = await tx.assetVersion.findUniqueOrThrow({
      where: { id: options.versionId },
      select: { cutOverAt: true },
    });
    const from = previous.state as VersionState;
    const overlaps = isAssetKind(asset.kind) && KINDS[asset.kind].overlap === true;
    const retireAt = overlaps
      ? retirementTime({ cutOverAt: next.cutOverAt, oldNotAfter: previous.notAfter, now: options.now })
      : undefined;
    const common = {
      tx,
      actor: options.actor,
      versionId: asset.currentVersionId,
      organizationId: options.organizationId,
      from,
      now: options.now,
      origin: options.origin,
    };
    if (retireAt && allows(from, "OVERLAP")) {
      await applyTransition({
        ...common,
        event: "OVERLAP",
        data: { retireAt },
        details: { supersededBy: options.versionId, retireAt: retireAt.toISOString() },
      });
    } else if (allows(from, "SUPERSEDE")) {
      await applyTransition({ ...common, event: "SUPERSEDE", details: { supersededBy: options.versionId } });
    }
  }
  await tx.asset.update({ where: { id: options.assetId }, data: { currentVersionId: options.versionId } });
}
