import "server-only";
import { z } from "zod";
import { ENVIRONMENTS, PROGRAMS } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { applyThalesAssets } from "./apply-thales-assets";

export const createIdentifierInput = z.object({
  organizationId: z.string().min(1),
  program: z.enum(PROGRAMS),
  // Identifiers appear in certificate CNs (TLSMA-RSA/<id>/D1.PRD): keep them to safe characters.
  value: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dot, dash or underscore."),
});

/**
 * An admin gives an organization an identifier in a program; its PPR and PRD connections come with it, with the
 * Thales assets already in force for that program and environment (apply-thales-assets.ts), in one transaction.
 */
export async function createIdentifier({
  db,
  actor,
  input: raw,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  input: z.infer<typeof createIdentifierInput>;
  origin?: RequestOrigin;
  now?: Date;
}) {
  requirePermission(actor, "organization:manage");
  // Parsed here too, not only at the edge: the value ends up in certificate CNs.
  const parsed = createIdentifierInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" "));
  const input = parsed.data;
  const organization = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, kind: true },
  });
  if (!organization || organization.kind !== "CUSTOMER")
    throw new AppError("NOT_FOUND", "No such customer organization.");
  if (
    await db.identifier.findUnique({
      where: { program_value: { program: input.program, value: input.value } },
      select: { id: true },
    })
  ) {
    throw new AppError("CONFLICT", `${input.program} identifier ${input.value} already exists.`);
  }
  return db.$transaction(async (tx) => {
    const id = newId();
    await tx.identifier.create({
      data: { id, organizationId: organization.id, program: input.program, value: input.value },
    });
    const connections = ENVIRONMENTS.map((environment) => ({
      id: newId(),
      identifierId: id,
      organizationId: organization.id,
      environment,
    }));
    for (const data of connections) await tx.connection.create({ data });
    await recordAudit(tx, {
      action: "identifier.created",
      actor,
      organizationId: organization.id,
      target: { type: "Identifier", id },
      after: { program: input.program, value: input.value },
      origin,
    });
    const applied = await applyThalesAssets(tx, { program: input.program, connections, actor, now, origin });
    return { id, applied };
  });
}
