import "server-only";
import { z } from "zod";
import { ROLES, roleSide } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { generatePassword, hashPassword } from "../auth/password";
import { isStaffRole } from "@/lib/assets/separation";
import { grantStaffRole } from "../grants/grant-staff-role";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organizationId: z.string().min(1),
});
export type CreateUserInput = z.infer<typeof createUserInput>;
export type CreateUserOptions = { db: Db; actor: Actor; input: CreateUserInput; origin?: RequestOrigin };

/**
 * An admin invites a user. The one-time password is returned once, to be handed over out of band; the
 * user must choose their own at first sign-in. Thales roles only exist in the Thales organization and
 * customers only in customer organizations, so a role can never reach across the boundary. A delivery or admin
 * account is a staff grant (lib/server/grants/grant-staff-role.ts): it waits for a second admin's approval.
 */
export async function createUser({ db, actor, input, origin }: CreateUserOptions): Promise<{
  user: { id: string; email: string; name: string; role: string; organizationId: string };
  oneTimePassword: string;
  grantPending: boolean;
}> {
  requirePermission(actor, "user:manage");
  const organization = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, kind: true },
  });
  if (!organization) throw new AppError("NOT_FOUND", "No such organization.");
  const thalesRole = roleSide(input.role) === "THALES";
  if (thalesRole !== (organization.kind === "THALES")) {
    throw new AppError(
      "INVALID_INPUT",
      thalesRole ? "Thales roles belong to the Thales organization." : "Customers belong to a customer organization.",
    );
  }
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("CONFLICT", "A user with this e-mail already exists.");
  }
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { id: newId(), ...input, passwordHash, mustChangePassword: true },
      select: { id: true, email: true, name: true, role: true, organizationId: true },
    });
    await recordAudit(tx, {
      action: "user.created",
      actor,
      organizationId: created.organizationId,
      target: { type: "User", id: created.id },
      after: created,
      origin,
    });
    const grant = isStaffRole(input.role)
      ? await grantStaffRole({
          tx,
          actor,
          userId: created.id,
          organizationId: created.organizationId,
          role: input.role,
          previousRole: null,
          now: new Date(),
          origin,
        })
      : { pending: false };
    return { created, pending: grant.pending };
  });
  return { user: user.created, oneTimePassword, grantPending: user.pending };
}
