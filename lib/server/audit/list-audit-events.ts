import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { resolveAuditTargets, targetKey, type AuditTarget } from "./audit-targets";

export const auditFilter = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  organizationId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  take: z.coerce.number().int().min(1).max(5000).default(200),
});
export type AuditFilter = z.infer<typeof auditFilter>;

/**
 * The audit log, newest first, for Thales delivery and admins. Each entry's target is named and linked
 * (audit-targets.ts: one query per target type on the page); the raw type and id stay for the CSV.
 */
export async function listAuditEvents({ db, actor, filter }: { db: Db; actor: Actor; filter: AuditFilter }) {
  requirePermission(actor, "audit:read");
  const events = await db.auditEvent.findMany({
    where: {
      action: filter.action ? { startsWith: filter.action } : undefined,
      actorEmail: filter.actor ? { contains: filter.actor.toLowerCase() } : undefined,
      organizationId: filter.organizationId || undefined,
      createdAt: { gte: filter.from, lte: filter.to },
    },
    orderBy: { createdAt: "desc" },
    take: filter.take,
  });
  const targets = await resolveAuditTargets(db, events);
  return events.map((event) => ({
    ...event,
    target: (event.targetType && event.targetId
      ? targets.get(targetKey(event.targetType, event.targetId))
      : undefined) satisfies AuditTarget | undefined,
  }));
}
