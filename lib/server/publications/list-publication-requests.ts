import "server-only";
import { PUBLICATION_STATES, type PublicationState } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

export type PublicationRequestSummary = {
  id: string;
  kind: string;
  environment: string;
  state: PublicationState;
  sha256: string;
  requestedBy: string;
  requestedById: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  targets: number;
};

/** Publication requests for Thales staff, newest first; pending ones by default. */
export async function listPublicationRequests({
  db,
  actor,
  state = "PENDING",
  take = 100,
}: {
  db: Db;
  actor: Actor;
  state?: PublicationState | "ALL";
  take?: number;
}): Promise<PublicationRequestSummary[]> {
  requirePermission(actor, "asset:publish");
  const rows = await db.publicationRequest.findMany({
    where: state === "ALL" ? { state: { in: [...PUBLICATION_STATES] } } : { state },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(take, 1), 500),
    select: {
      id: true,
      kind: true,
      environment: true,
      state: true,
      sha256: true,
      requestedById: true,
      decidedById: true,
      createdAt: true,
      decidedAt: true,
      reason: true,
      _count: { select: { targets: true } },
    },
  });
  const emails = await requesterEmails(db, rows);
  return rows.map((r) => ({ ...summaryOf(r, emails), targets: r._count.targets }));
}

type RequestRow = {
  id: string;
  kind: string;
  environment: string;
  state: string;
  sha256: string;
  requestedById: string;
  decidedById: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  reason: string | null;
};

/** The e-mail of everyone who requested or decided one of these requests, in one query. */
export async function requesterEmails(db: Db, rows: readonly RequestRow[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) => [r.requestedById, ...(r.decidedById ? [r.decidedById] : [])]);
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

/** A request row as the summary both the list and the detail view show (targets aside). */
export function summaryOf(r: RequestRow, emails: Map<string, string>): Omit<PublicationRequestSummary, "targets"> {
  return {
    id: r.id,
    kind: r.kind,
    environment: r.environment,
    state: r.state as PublicationState,
    sha256: r.sha256,
    requestedBy: emails.get(r.requestedById) ?? "(unknown)",
    requestedById: r.requestedById,
    createdAt: r.createdAt,
    decidedBy: r.decidedById ? (emails.get(r.decidedById) ?? "(unknown)") : null,
    decidedAt: r.decidedAt,
    reason: r.reason,
  };
}
