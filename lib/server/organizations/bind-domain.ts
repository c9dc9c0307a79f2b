import "server-only";
import { normalizeDomain } from "@/lib/assets/sso";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";

export type BindDomainOptions = {
  db: Db;
  actor: Actor;
  organizationId: string;
  domain: string;
  origin?: RequestOrigin;
};

/**
 * An admin binds an e-mail domain to an organization: its single sign-on then provisions accounts for that
 * domain, and only into that organization. A domain belongs to one organization (unique).
 */
export async function bindDomain({
  db,
  actor,
  organizationId,
  domain: input,
  origin,
}: BindDomainOptions): Promise<{ id: string; domain: string }> {
  requirePermission(actor, "organization:manage");
  const domain = normalizeDomain(input);
  if (!domain) throw new AppError("INVALID_INPUT", "Enter a domain such as acme.example (no @, no spaces).");
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!organization) throw new AppError("NOT_FOUND");
  const taken = await db.organizationDomain.findUnique({ where: { domain }, select: { organizationId: true } });
  if (taken)
    throw new AppError(
      "CONFLICT",
      taken.organizationId === organizationId
        ? `${domain} is bound already.`
        : `${domain} is bound to another organization.`,
    );
  const id = newId();
  await db.$transaction(async (tx) => {
    await tx.organizationDomain.create({ data: { id, organizationId, domain, createdById: actor.id } });
    await recordAudit(tx, {
      action: "organization.domain.bound",
      actor,
      organizationId,
      target: { type: "OrganizationDomain", id },
      after: { domain },
      origin,
    });
  });
  return { id, domain };
}
