import "server-only";
import { z } from "zod";
import { ENVIRONMENTS, PROGRAMS } from "@/lib/pki";
import { ISSUABLE_KINDS } from "@/lib/assets/kinds";
import { AWAITING_REVIEW, type VersionState } from "@/lib/assets/lifecycle";
import type { FilteredList } from "../actor";
import { requirePermission } from "../auth/guards";

export const reviewQueueFilter = z.object({
  program: z.enum(PROGRAMS).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  organizationId: z.string().max(100).optional(),
  state: z.enum(["SUBMITTED", "IN_REVIEW", "APPROVED"]).optional(),
  /** Only versions waiting at least this many days. */
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type ReviewQueueFilter = z.infer<typeof reviewQueueFilter>;

/** The queue's rows for a filter (the list and its count use the same condition). */
function queueWhere(filter: ReviewQueueFilter, now: Date) {
  const states: readonly VersionState[] = filter.state ? [filter.state] : AWAITING_REVIEW;
  return {
    state: { in: [...states] },
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.minAgeDays ? { createdAt: { lte: new Date(now.getTime() - filter.minAgeDays * 86_400_000) } } : {}),
    asset: {
      direction: "CUSTOMER_TO_THALES" as const,
      ...(filter.state === "APPROVED" ? { kind: { in: ISSUABLE_KINDS } } : {}),
      connection: {
        ...(filter.environment ? { environment: filter.environment } : {}),
        ...(filter.program ? { identifier: { program: filter.program } } : {}),
      },
    },
  };
}

/** The API's answer holds at most this many rows; the page shows its own pages of the queue. */
const REVIEW_QUEUE_API_LIMIT = 500;

/**
 * What waits for Thales across organizations: customer versions to review (and approved CSRs to sign,
 * with state=APPROVED), oldest first, `limit` rows from `offset`; `total` counts the whole queue, so a page of
 * it never hides that more wait.
 */
export async function listReviewQueue({
  db,
  actor,
  filter,
  limit = REVIEW_QUEUE_API_LIMIT,
  offset = 0,
  now = new Date(),
}: FilteredList<ReviewQueueFilter> & { limit?: number; offset?: number }) {
  requirePermission(actor, "asset:review");
  const where = queueWhere(filter, now);
  // One transaction, as pageOfIds (lib/server/db/sql-page.ts): one snapshot on SQLite; on PostgreSQL a write between
  // the two reads can make the count above the rows (and X-Total-Count) differ from them by that write.
  const [rows, total] = await db.$transaction([
    db.assetVersion.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      skip: offset,
      select: {
        id: true,
        seq: true,
        state: true,
        createdAt: true,
        uploadedBy: { select: { email: true } },
        reviews: { select: { decision: true, reviewer: { select: { email: true } } } },
        asset: {
          select: {
            id: true,
            kind: true,
            connection: {
              select: {
                id: true,
                environment: true,
                identifier: {
                  select: { value: true, program: true, organization: { select: { id: true, name: true } } },
                },
              },
            },
          },
        },
      },
    }),
    db.assetVersion.count({ where }),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    state: r.state as VersionState,
    createdAt: r.createdAt,
    ageDays: Math.floor((now.getTime() - r.createdAt.getTime()) / 86_400_000),
    uploadedBy: r.uploadedBy.email,
    approvals: r.reviews.filter((v) => v.decision === "APPROVE").map((v) => v.reviewer.email),
    assetId: r.asset.id,
    kind: r.asset.kind,
    connectionId: r.asset.connection.id,
    environment: r.asset.connection.environment,
    identifier: r.asset.connection.identifier.value,
    program: r.asset.connection.identifier.program,
    organization: r.asset.connection.identifier.organization,
  }));
  return { items, total };
}
