import "server-only";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { loadConnection } from "../connections/load-connection";
import { putPublishedVersion, type PublishedContent } from "./put-published-version";

export type PublicationContent = PublishedContent & { id: string; environment: string };

/**
 * Puts a publication in force on each target, inside the caller's transaction: each connection gets its own
 * immutable PUBLISHED version (uploaded by the requester), which supersedes the one in force. `actor` is who made
 * it happen now: the requester on PreProd, the second person on Production.
 */
export async function applyPublication(
  tx: Tx,
  request: PublicationContent,
  targets: { id: string; connectionId: string; organizationId: string }[],
  actor: Actor,
  now: Date,
  origin?: RequestOrigin,
): Promise<string[]> {
  const kind = request.kind as AssetKind;
  const ids: string[] = [];
  for (const target of targets) {
    const { versionId, seq } = await putPublishedVersion(tx, request, target, actor, now, origin);
    await tx.publicationTarget.update({ where: { id: target.id }, data: { versionId } });
    await recordAudit(tx, {
      action: "asset.published",
      actor,
      organizationId: target.organizationId,
      target: { type: "AssetVersion", id: versionId },
      after: { state: "PUBLISHED", kind },
      details: {
        connectionId: target.connectionId,
        environment: request.environment,
        sha256: request.sha256,
        publicationRequestId: request.id,
        requestedById: request.requestedById,
      },
      origin,
    });
    await emitEvent(tx, {
      type: "asset.published",
      organizationId: target.organizationId,
      now,
      payload: connectionPayload(await loadConnection(tx, actor, target.connectionId), {
        kind,
        id: versionId,
        seq,
      }),
    });
    ids.push(versionId);
  }
  return ids;
}
