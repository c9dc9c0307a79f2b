import "server-only";
import { isEnvironment, isProgram, type Environment, type Program } from "@/lib/pki";
import type { Db, Tx } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { tenantWhere } from "./scope";

export type ConnectionContext = {
  id: string;
  organizationId: string;
  organizationName: string;
  environment: Environment;
  expectedCn: string | null;
  identifierId: string;
  identifier: string;
  program: Program;
};

/** A connection the actor may see, or NOT_FOUND (also for another organization's: no hint it exists). */
export async function loadConnection(db: Db | Tx, actor: Actor, connectionId: string): Promise<ConnectionContext> {
  const row = await db.connection.findFirst({
    where: { id: connectionId, ...tenantWhere(actor) },
    select: {
      id: true,
      organizationId: true,
      environment: true,
      expectedCn: true,
      identifierId: true,
      identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
    },
  });
  if (!row || !isProgram(row.identifier.program) || !isEnvironment(row.environment)) throw new AppError("NOT_FOUND");
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.identifier.organization.name,
    environment: row.environment,
    expectedCn: row.expectedCn,
    identifierId: row.identifierId,
    identifier: row.identifier.value,
    program: row.identifier.program,
  };
}
