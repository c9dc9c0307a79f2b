import "server-only";
import { hasErrors, type Finding } from "@/lib/pki";
import { publicationCutOver } from "@/lib/assets/rotation";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { publishAsset, type PublishContent } from "../assets/publish-asset";
import { preparePublication } from "../publications/prepare-publication";
import { requireCampaignAccess } from "./campaign-access";
import { campaignTargets, type CampaignScope } from "./campaign-targets";

export type CreateCampaignOptions = CampaignScope & {
  db: Db;
  actor: Actor;
  content: PublishContent;
  /** When the CA each connection has in force leaves its export; default PUBLICATION_OVERLAP_DAYS from now. */
  cutOverAt?: Date;
  /** Go ahead despite warnings (a caller shows them first); errors always refuse. */
  confirmWarnings?: boolean;
  origin?: RequestOrigin;
  now?: Date;
};

export type CreateCampaignResult =
  | {
      ok: true;
      campaignId: string;
      requestId: string;
      state: "PUBLISHED" | "PENDING";
      versionIds: string[];
      findings: Finding[];
    }
  | { ok: false; verdict: "rejected" | "needs-confirmation"; findings: Finding[] };

/**
 * Thales rotates one of its CAs or chains on every connection of a program and environment (or a chosen subset)
 * with one cut-over: one publication request (PreProd in force at once, Production waiting for its second person,
 * the rule of lib/server/publications/) and the campaign that follows it, written and audited in its transaction.
 * The cut-over is fixed now, chosen or the default, so the campaign and every target retire at the same time.
 */
export async function createCampaign(options: CreateCampaignOptions): Promise<CreateCampaignResult> {
  const { db, actor, kind, program, environment, content, origin, now = new Date() } = options;
  requireCampaignAccess(actor);
  const targetIds = await campaignTargets(db, options);
  const cutOverAt = options.cutOverAt ?? publicationCutOver(null, now);
  // Warnings stop a campaign until confirmed (as on the publish page); nothing is stored before that.
  const { validated } = await preparePublication({ db, actor, kind, connectionIds: targetIds, content, now });
  if (hasErrors(validated.findings)) return { ok: false, verdict: "rejected", findings: validated.findings };
  if (!options.confirmWarnings && validated.findings.some((f) => f.severity === "warning"))
    return { ok: false, verdict: "needs-confirmation", findings: validated.findings };
  const campaignId = newId();
  const result = await publishAsset({
    db,
    actor,
    kind,
    connectionIds: targetIds,
    content,
    cutOverAt,
    origin,
    now,
    alongside: async (tx, requestId) => {
      await tx.campaign.create({
        data: {
          id: campaignId,
          kind,
          program,
          environment,
          publicationRequestId: requestId,
          cutOverAt,
          createdById: actor.id,
          createdAt: now,
        },
      });
      await recordAudit(tx, {
        action: "campaign.created",
        actor,
        organizationId: null,
        target: { type: "Campaign", id: campaignId },
        after: { kind, program, environment, cutOverAt: cutOverAt.toISOString() },
        details: { publicationRequestId: requestId, connections: targetIds.length },
        origin,
      });
    },
  });
  if (!result.ok) return { ok: false, verdict: "rejected", findings: result.findings };
  return { ...result, campaignId };
}
