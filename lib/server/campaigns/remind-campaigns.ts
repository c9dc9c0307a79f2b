import "server-only";
import { CAMPAIGN_REMINDER_DAYS, campaignReminderStage } from "@/lib/assets/rotation";
import { isAssetKind } from "@/lib/assets/kinds";
import { DAY_MS, isEnvironment, isProgram } from "@/lib/pki";
import type { JobContext, JobResult } from "../jobs/job-context";
import { toAppError } from "../errors";
import { emitEvent } from "../notifications/emit-event";
import { acknowledgedAt, reminderKeyPrefix } from "./campaign-progress";
import { NAMED_CONNECTION } from "../connections/named-connection";

const HORIZON_DAYS = Math.max(...CAMPAIGN_REMINDER_DAYS);

/**
 * The campaign-reminders job: for every published campaign whose cut-over is at most 14 days away, each connection
 * whose customer has not acknowledged the new version gets one "campaign.reminder" per threshold reached (14, 7,
 * 1 days). The dedupe key (campaign, connection, threshold) is unique in the outbox, so reruns, overlapping runs
 * and several instances send each reminder once; the campaign page counts them by that key.
 */
export async function remindCampaigns({ db, now, mailer }: JobContext): Promise<JobResult> {
  const campaigns = await db.campaign.findMany({
    where: {
      cutOverAt: { gt: now, lte: new Date(now.getTime() + HORIZON_DAYS * DAY_MS) },
      publicationRequest: { state: "PUBLISHED" },
    },
    select: {
      id: true,
      kind: true,
      cutOverAt: true,
      publicationRequest: { select: { targets: { select: { connectionId: true, versionId: true } } } },
    },
  });
  const result = { campaigns: campaigns.length, emitted: 0, alreadySent: 0, acknowledged: 0 };
  for (const campaign of campaigns) {
    const stage = campaignReminderStage(campaign.cutOverAt, now);
    const kind = campaign.kind;
    if (stage === undefined || !isAssetKind(kind)) continue;
    const targets = campaign.publicationRequest.targets.filter((t) => t.versionId !== null);
    const acknowledged = await acknowledgedAt(
      db,
      targets.map((t) => t.versionId!),
    );
    const open = targets.filter((t) => !acknowledged.has(t.versionId!));
    result.acknowledged += targets.length - open.length;
    const connections = await db.connection.findMany({
      where: { id: { in: open.map((t) => t.connectionId) } },
      select: { ...NAMED_CONNECTION, organizationId: true },
    });
    const versions = await db.assetVersion.findMany({
      where: { id: { in: open.map((t) => t.versionId!) } },
      select: { id: true, seq: true },
    });
    const seqOf = new Map(versions.map((v) => [v.id, v.seq]));
    for (const connection of connections) {
      const target = open.find((t) => t.connectionId === connection.id)!;
      const dedupeKey = `${reminderKeyPrefix(campaign.id, connection.id)}${stage}`;
      if (await db.outboxEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) {
        result.alreadySent++;
        continue;
      }
      const { environment, identifier } = connection;
      try {
        await db.$transaction((tx) =>
          emitEvent(tx, {
            type: "campaign.reminder",
            organizationId: connection.organizationId,
            now,
            dedupeKey,
            email: Boolean(mailer),
            payload: {
              organizationName: identifier.organization.name,
              identifier: identifier.value,
              connectionId: connection.id,
              ...(isEnvironment(environment) ? { environment } : {}),
              ...(isProgram(identifier.program) ? { program: identifier.program } : {}),
              kind,
              versionId: target.versionId!,
              seq: seqOf.get(target.versionId!),
              cutOver: campaign.cutOverAt.toISOString(),
            },
          }),
        );
        result.emitted++;
      } catch (error) {
        // Another run emitted the same reminder between our check and our insert: the unique key held.
        if (toAppError(error)?.code !== "CONFLICT") throw error;
        result.alreadySent++;
      }
    }
  }
  return result;
}
