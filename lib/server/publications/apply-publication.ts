import "server-only";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { publicationCutOver } from "@/lib/assets/rotation";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { putPublishedVersion, type PublishedContent } from "./put-published-version";
import { announcePublished } from "./announce-published";

export type PublicationContent = PublishedContent & { id: string; environment: string };

/**
 * Puts a publication in force on each target, inside the caller's transaction: each connection gets its own
 * immutable PUBLISHED version (uploaded by the requester), which supersedes the one in force — for a kind with
 * `overlap` (Thales CAs and chains) not at once: the old one stays in force beside it until the cut-over, computed
 * now (on Production, when the second person approves), so customers who install the new trust store before or after
 * Thales switches both keep working. `actor` is who made it happen now: the requester on PreProd, the second person
 * on Production.
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
  const cutOverAt = KINDS[kind].overlap ? publicationCutOver(request.cutOverAt ?? null, now) : null;
  const ids: string[] = [];
  for (const target of targets) {
    const { versionId, seq } = await putPublishedVersion(tx, { ...request, cutOverAt }, target, actor, now, origin);
    await tx.publicationTarget.update({ where: { id: target.id }, data: { versionId } });
    await announcePublished(tx, {
      action: "asset.published",
      version: { id: versionId, seq, kind, sha256: request.sha256 },
      target: { ...target, environment: request.environment },
      details: { publicationRequestId: request.id, requestedById: request.requestedById },
      actor,
      now,
      origin,
    });
    ids.push(versionId);
  }
  return ids;
}
