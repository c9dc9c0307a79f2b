import "server-only";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { publicationCutOver } from "@/lib/assets/rotation";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { makeCurrent } from "../assets/apply-transition";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { loadConnection } from "../connections/load-connection";

export type PublicationContent = {
  id: string;
  kind: string;
  environment: string;
  requestedById: string;
  normalizedPem: string | null;
  host: string | null;
  basePath: string | null;
  port: number | null;
  sha256: string;
  report: string;
  findings: string;
  notAfter: Date | null;
  /** Chosen cut-over for the versions it replaces (kinds with `overlap`); null: the default. */
  cutOverAt: Date | null;
  originalSha256: string | null;
  originalSize: number | null;
  originalFilename: string | null;
};

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
  const cutOverAt = KINDS[kind].overlap ? publicationCutOver(request.cutOverAt, now) : null;
  const ids: string[] = [];
  for (const target of targets) {
    const asset = await tx.asset.upsert({
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
    const last = await tx.assetVersion.findFirst({
      where: { assetId: asset.id },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    const versionId = newId();
    await tx.assetVersion.create({
      data: {
        id: versionId,
        assetId: asset.id,
        organizationId: target.organizationId,
        seq: (last?.seq ?? 0) + 1,
        state: "PUBLISHED",
        stateChangedAt: now,
        createdAt: now,
        originalSha256: request.originalSha256,
        originalSize: request.originalSize,
        originalFilename: request.originalFilename,
        normalizedPem: request.normalizedPem,
        host: request.host,
        basePath: request.basePath,
        port: request.port,
        sha256: request.sha256,
        report: request.report,
        findings: request.findings,
        notAfter: request.notAfter,
        cutOverAt,
        uploadedById: request.requestedById,
      },
    });
    await makeCurrent(tx, { assetId: asset.id, versionId, organizationId: target.organizationId, actor, now, origin });
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
        seq: (last?.seq ?? 0) + 1,
      }),
    });
    ids.push(versionId);
  }
  return ids;
}
