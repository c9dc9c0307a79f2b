import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";

export type UnbindDomainOptions = { db: Db; actor: Actor; domainId: string; origin?: RequestOrigin };

/** Removes a bound domain: no new accounts for it; existing accounts of that domain are refused at SSO sign-in. */
export async function unbindDomain({ db, actor, domainId, origin }: UnbindDomainOptions): Promise<void> {
  requirePermission(actor, "organization:manage");
  await db.$transaction(async (tx) => {
    const row = await tx.organizationDomain.findUnique({
      where: { id: domainId },
      select: { id: true, domain: true, organizationId: true },
    });
    if (!row) throw new AppError("NOT_FOUND");
    await tx.organizationDomain.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      action: "organization.domain.unbound",
      actor,
      organizationId: row.organizationId,
      target: { type: "OrganizationDomain", id: row.id },
      before: { domain: row.domain },
      origin,
    });
  });
}
