import "server-only";
import type { Db, Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { newId } from "../ids";
import { insertRows } from "../db/insert-rows";

export type AuditInput = {
  action: string;
  actor?: Pick<Actor, "id" | "email" | "role" | "organizationId"> | null;
  /** The organization the event concerns (for tenant-scoped views); defaults to the actor's. */
  organizationId?: string | null;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  origin?: RequestOrigin;
};

/**
 * Appends one audit event. Call it with the transaction that makes the change, so the change and its
 * record commit together or not at all. Never pass secrets (passwords, keys, tokens) in details.
 */
export async function recordAudit(db: Db | Tx, input: AuditInput): Promise<void> {
  await insertRows(db, "AuditEvent", [
    {
      id: newId(),
      createdAt: new Date(),
      action: input.action,
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      actorRole: input.actor?.role ?? null,
      organizationId: input.organizationId !== undefined ? input.organizationId : (input.actor?.organizationId ?? null),
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
      details: input.details === undefined ? null : JSON.stringify(input.details),
      ip: input.origin?.ip?.slice(0, 100) ?? null,
      userAgent: input.origin?.userAgent?.slice(0, 300) ?? null,
    },
  ]);
}
