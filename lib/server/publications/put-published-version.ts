import "server-only";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { newId } from "../ids";
import { makeCurrent } from "../assets/apply-transition";
import { searchColumns } from "../assets/version-record";

/** What a Thales publication puts in force: the content of one checked file or host, once for every target. */
export type PublishedContent = {
  kind: string;
  /** Who published it (the version's uploader). */
  requestedById: string;
  normalizedPem: string | null;
  host: string | null;
  basePath: string | null;
  port: number | null;
  sha256: string;
  report: string;
  findings: string;
  notAfter: Date | null;
  /** Chosen cut-over for the versions it replaces (kinds with `overlap`); null: the kind's default. */
  cutOverAt?: Date | null;
  originalSha256: string | null;
  originalSize: number | null;
  originalFilename: string | null;
};

/**
 * Inside the caller's transaction: a new immutable PUBLISHED version of `content` on one connection (its asset
 * created if needed), made the version in force (superseding or overlapping the one before, per the kind).
 * Shared by publications (apply-publication.ts) and by a new identifier's connections (apply-thales-assets.ts);
 * each caller audits and notifies in its own words.
 */
export async function putPublishedVersion(
  tx: Tx,
  content: PublishedContent,
  target: { connectionId: string; organizationId: string },
  actor: Actor,
  now: Date,
  origin?: RequestOrigin,
): Promise<{ versionId: string; seq: number }> {
  const kind = content.kind as AssetKind;
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
  const seq = (last?.seq ?? 0) + 1;
  await tx.assetVersion.create({
    data: {
      id: versionId,
      assetId: asset.id,
      organizationId: target.organizationId,
      seq,
      state: "PUBLISHED",
      stateChangedAt: now,
      createdAt: now,
      originalSha256: content.originalSha256,
      originalSize: content.originalSize,
      originalFilename: content.originalFilename,
      normalizedPem: content.normalizedPem,
      host: content.host,
      basePath: content.basePath,
      port: content.port,
      sha256: content.sha256,
      report: content.report,
      ...searchColumns(content.report),
      findings: content.findings,
      notAfter: content.notAfter,
      cutOverAt: content.cutOverAt ?? null,
      uploadedById: content.requestedById,
    },
  });
  await makeCurrent(tx, { assetId: asset.id, versionId, organizationId: target.organizationId, actor, now, origin });
  return { versionId, seq };
}
