import "server-only";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { makeCurrent } from "../assets/apply-transition";
import { assetSlot, startVersion } from "../assets/asset-slot";

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
 * each caller then announces it (`announcePublished`) with its own audit action.
 */
export async function putPublishedVersion(
  tx: Tx,
  content: PublishedContent,
  target: { connectionId: string; organizationId: string },
  actor: Actor,
  now: Date,
  origin?: RequestOrigin,
): Promise<{ versionId: string; seq: number }> {
  const slot = await assetSlot(tx, target, content.kind as AssetKind);
  const versionId = await startVersion(
    tx,
    slot,
    {
      state: "PUBLISHED",
      originalSha256: content.originalSha256,
      originalSize: content.originalSize,
      originalFilename: content.originalFilename,
      normalizedPem: content.normalizedPem,
      host: content.host,
      basePath: content.basePath,
      port: content.port,
      sha256: content.sha256,
      report: content.report,
      findings: content.findings,
      notAfter: content.notAfter,
      cutOverAt: content.cutOverAt ?? null,
      uploadedById: content.requestedById,
    },
    now,
  );
  await makeCurrent(tx, {
    assetId: slot.assetId,
    versionId,
    organizationId: target.organizationId,
    actor,
    now,
    origin,
  });
  return { versionId, seq: slot.seq };
}
