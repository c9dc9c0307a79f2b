import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { requireCampaignAccess } from "./campaign-access";
import { acknowledgedAt, reminderKeyPrefix } from "./campaign-progress";
import { campaignSummaries, type CampaignSummary } from "./list-campaigns";

export type CampaignConnection = {
  connectionId: string;
  organization: string;
  identifier: string;
  /** The version the campaign put on this connection (null while a Production campaign awaits its approval). */
  versionId: string | null;
  versionState: string | null;
  acknowledgedAt: Date | null;
  /** Reminder notices sent to the customer so far (campaign-reminders job). */
  reminders: number;
  /** The connection's newest endpoint check, if one was ever run: does their server work with what is in force? */
  endpointCheck: { verdict: string; checkedAt: Date } | null;
};

export type CampaignView = Omit<CampaignSummary, "connections"> & { connections: CampaignConnection[] };

/** One campaign, per connection: acknowledged or not, reminders sent, the newest endpoint check. Thales only. */
export async function getCampaignView({
  db,
  actor,
  campaignId,
}: {
  db: Db;
  actor: Actor;
  campaignId: string;
}): Promise<CampaignView> {
  requireCampaignAccess(actor);
  const row = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND");
  const [summary] = await campaignSummaries(db, { id: campaignId });
  const targets = await db.publicationTarget.findMany({
    where: { request: { campaign: { id: campaignId } } },
    select: { connectionId: true, versionId: true },
  });
  const connectionIds = targets.map((t) => t.connectionId);
  const versionIds = targets.flatMap((t) => (t.versionId ? [t.versionId] : []));
  const [connections, versions, acknowledged, reminders, probes] = await Promise.all([
    db.connection.findMany({
      where: { id: { in: connectionIds } },
      select: { id: true, identifier: { select: { value: true, organization: { select: { name: true } } } } },
    }),
    db.assetVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, state: true } }),
    acknowledgedAt(db, versionIds),
    db.outboxEvent.findMany({
      where: { type: "campaign.reminder", dedupeKey: { startsWith: `campaign-reminder:${campaignId}:` } },
      select: { dedupeKey: true },
    }),
    // Newest first; the first row per connection is its latest check (a connection has one a day at most).
    db.endpointProbe.findMany({
      where: { connectionId: { in: connectionIds } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["connectionId"],
      select: { connectionId: true, verdict: true, createdAt: true },
    }),
  ]);
  const stateOf = new Map(versions.map((v) => [v.id, v.state]));
  const probeOf = new Map(probes.map((p) => [p.connectionId, p]));
  const rows: CampaignConnection[] = connections.map((c) => {
    const versionId = targets.find((t) => t.connectionId === c.id)?.versionId ?? null;
    const probe = probeOf.get(c.id);
    return {
      connectionId: c.id,
      organization: c.identifier.organization.name,
      identifier: c.identifier.value,
      versionId,
      versionState: versionId ? (stateOf.get(versionId) ?? null) : null,
      acknowledgedAt: versionId ? (acknowledged.get(versionId) ?? null) : null,
      reminders: reminders.filter((r) => r.dedupeKey?.startsWith(reminderKeyPrefix(campaignId, c.id))).length,
      endpointCheck: probe ? { verdict: probe.verdict, checkedAt: probe.createdAt } : null,
    };
  });
  rows.sort((a, b) => a.organization.localeCompare(b.organization) || a.identifier.localeCompare(b.identifier));
  return { ...summary!, connections: rows };
}
