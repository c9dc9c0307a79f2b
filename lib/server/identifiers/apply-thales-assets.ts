import "server-only";
import { KINDS, PUBLISHED_KINDS, type AssetKind } from "@/lib/assets/kinds";
import { IN_FORCE } from "@/lib/assets/lifecycle";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { putPublishedVersion } from "../publications/put-published-version";
import { announcePublished } from "../publications/announce-published";

export type AppliedAsset = { connectionId: string; kind: AssetKind; versionId: string; sourceVersionId: string };

/**
 * New connections (a new identifier's PPR and PRD) get the Thales assets already in force for their program and
 * environment (every kind Thales publishes for the program: kinds table), so they do not start "Waiting on
 * Thales" for what every other connection of that program already has. The source is the version in force on
 * the connection of the same program and environment that changed last; its content was checked and, on
 * Production, approved by a second person when it was published, so copying it is not a new publication
 * (docs/decisions/029-thales-assets-for-new-identifiers.md). Each copy is audited as `asset.auto-applied`
 * naming its source, and the customer is notified as for any publication. Runs in the caller's transaction.
 */
export async function applyThalesAssets(
  tx: Tx,
  options: {
    program: string;
    connections: { id: string; organizationId: string; environment: string }[];
    actor: Actor;
    now: Date;
    origin?: RequestOrigin;
  },
): Promise<AppliedAsset[]> {
  const { program, connections, actor, now, origin } = options;
  const applied: AppliedAsset[] = [];
  for (const kind of PUBLISHED_KINDS) {
    if (!(KINDS[kind].programs as readonly string[]).includes(program)) continue;
    for (const connection of connections) {
      const source = await versionInForce(tx, kind, program, connection);
      if (!source) continue;
      const { versionId, seq } = await putPublishedVersion(
        tx,
        { ...source, kind, requestedById: source.uploadedById },
        { connectionId: connection.id, organizationId: connection.organizationId },
        actor,
        now,
        origin,
      );
      await announcePublished(tx, {
        action: "asset.auto-applied",
        version: { id: versionId, seq, kind, sha256: source.sha256 },
        target: {
          connectionId: connection.id,
          organizationId: connection.organizationId,
          environment: connection.environment,
        },
        details: { sourceVersionId: source.id },
        actor,
        now,
        origin,
      });
      applied.push({ connectionId: connection.id, kind, versionId, sourceVersionId: source.id });
    }
  }
  return applied;
}

/** The version of `kind` in force on the connection of this program and environment that changed last. */
async function versionInForce(
  tx: Tx,
  kind: AssetKind,
  program: string,
  connection: { id: string; environment: string },
) {
  const asset = await tx.asset.findFirst({
    where: {
      kind,
      currentVersionId: { not: null },
      connectionId: { not: connection.id },
      connection: { environment: connection.environment, identifier: { program } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { currentVersionId: true },
  });
  if (!asset?.currentVersionId) return null;
  return tx.assetVersion.findFirst({
    where: { id: asset.currentVersionId, state: { in: [...IN_FORCE] } },
    select: {
      id: true,
      uploadedById: true,
      normalizedPem: true,
      host: true,
      basePath: true,
      port: true,
      sha256: true,
      report: true,
      findings: true,
      notAfter: true,
      originalSha256: true,
      originalSize: true,
      originalFilename: true,
    },
  });
}
