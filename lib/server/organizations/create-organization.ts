import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";

export const createOrganizationInput = z.object({ name: z.string().trim().min(2).max(120) });

/** Admins add customer organizations; the single Thales organization is created at first start. */
export async function createOrganization({
  db,
  actor,
  input,
  origin,
}: {
  db: Db;
  actor: Actor;
  input: z.infer<typeof createOrganizationInput>;
  origin?: RequestOrigin;
}) {
  requirePermission(actor, "organization:manage");
  if (await db.organization.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("CONFLICT", "An organization with this name already exists.");
  }
  return db.$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { id: newId(), name: input.name, kind: "CUSTOMER" },
      select: { id: true, name: true, kind: true },
    });
    await recordAudit(tx, {
      action: "organization.created",
      actor,
      organizationId: organization.id,
      target: { type: "Organization", id: organization.id },
      after: organization,
      origin,
    });
    return organization;
  });
}
