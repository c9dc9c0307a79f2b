import "server-only";
import type { PublicationState } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requireCampaignAccess } from "./campaign-access";
import { acknowledgedAt } from "./campaign-progress";

export type CampaignSummary = {
  id: string;
  kind: string;
  program: string;
  environment: string;
  cutOverAt: Date;
  createdAt: Date;
  createdBy: string;
  publicationRequestId: string;
  /** The publication request's state: a Production campaign is PENDING until a second person approves it. */
  state: PublicationState;
  connections: number;
  acknowledged: number;
};

/** Rotation campaigns, newest first, with how many connections acknowledged the new version. Thales only. */
export async function listCampaigns({
  db,
  actor,
  take = 100,
}: {
  db: Db;
  actor: Actor;
  take?: number;
}): Promise<CampaignSummary[]> {
  requireCampaignAccess(actor);
  return campaignSummaries(db, {}, Math.min(Math.max(take, 1), 500));
}

/**
 * Summaries of the campaigns matching `where`, in a fixed number of queries whatever their number (on SQLite Prisma
 * splits the acknowledgements' query into one per 999 target versions).
 */
export async function campaignSummaries(db: Db, where: { id?: string }, take = 100): Promise<CampaignSummary[]> {
  const rows = await db.campaign.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      kind: true,
      program: true,
      environment: true,
      cutOverAt: true,
      createdAt: true,
      createdById: true,
      publicationRequest: {
        select: { id: true, state: true, targets: { select: { versionId: true } } },
      },
    },
  });
  const versionIds = rows.flatMap((r) =>
    r.publicationRequest.targets.flatMap((t) => (t.versionId ? [t.versionId] : [])),
  );
  const [acknowledged, users] = await Promise.all([
    acknowledgedAt(db, versionIds),
    db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
      select: { id: true, email: true },
    }),
  ]);
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    program: r.program,
    environment: r.environment,
    cutOverAt: r.cutOverAt,
    createdAt: r.createdAt,
    createdBy: emailOf.get(r.createdById) ?? "(deleted user)",
    publicationRequestId: r.publicationRequest.id,
    // Written only from PUBLICATION_STATES (lib/assets/publication.ts).
    state: r.publicationRequest.state as PublicationState,
    connections: r.publicationRequest.targets.length,
    acknowledged: r.publicationRequest.targets.filter((t) => t.versionId && acknowledged.has(t.versionId)).length,
  }));
}
