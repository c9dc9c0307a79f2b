import "server-only";
import { publicationCutOver } from "@/lib/assets/rotation";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import type { PublishContent } from "../assets/publish-asset";
import { previewPublication, type PublicationPreview } from "../publications/preview-publication";
import { requireCampaignAccess } from "./campaign-access";
import { campaignTargets, type CampaignScope } from "./campaign-targets";

export type CampaignPreview =
  | (Extract<PublicationPreview, { ok: true }> & { connectionIds: string[]; cutOverAt: Date })
  | Extract<PublicationPreview, { ok: false }>;

/**
 * What `createCampaign` would do, without storing anything: the same targets (chosen or all), the same cut-over
 * (chosen, else PUBLICATION_OVERLAP_DAYS from now), and the publication preview of each target.
 */
export async function previewCampaign(
  options: CampaignScope & { db: Db; actor: Actor; content: PublishContent; cutOverAt?: Date; now?: Date },
): Promise<CampaignPreview> {
  const { db, actor, now = new Date() } = options;
  requireCampaignAccess(actor);
  const connectionIds = await campaignTargets(db, options);
  const cutOverAt = options.cutOverAt ?? publicationCutOver(null, now);
  const preview = await previewPublication({
    db,
    actor,
    kind: options.kind,
    connectionIds,
    content: options.content,
    cutOverAt,
    now,
  });
  return preview.ok ? { ...preview, connectionIds, cutOverAt } : preview;
}
