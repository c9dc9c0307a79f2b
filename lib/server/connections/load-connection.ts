import "server-only";
import { isEnvironment, isProgram, type Environment, type Program } from "@/lib/pki";
import { Prisma } from "../generated/sqlite/client";
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

type ConnectionSql = {
  id: string;
  organizationId: string;
  organizationName: string;
  environment: string;
  expectedCn: string | null;
  identifierId: string;
  identifier: string;
  program: string;
};

/**
 * A connection the actor may see, or NOT_FOUND (also for another organization's: no hint it exists). One query
 * with its identifier and organization: every upload, check and connection command starts here, and Prisma's
 * nested selects would cost three (issue 16). Raw SQL that SQLite and PostgreSQL both run as is.
 */
export async function loadConnection(db: Db | Tx, actor: Actor, connectionId: string): Promise<ConnectionContext> {
  const tenant = tenantWhere(actor).organizationId;
  const rows = await db.$queryRaw<ConnectionSql[]>`
    SELECT c.id, c."organizationId", c.environment, c."expectedCn", c."identifierId",
      i.value AS identifier, i.program, o.name AS "organizationName"
    FROM "Connection" c JOIN "Identifier" i ON i.id = c."identifierId" JOIN "Organization" o ON o.id = i."organizationId"
    WHERE c.id = ${connectionId} ${tenant !== undefined ? Prisma.sql`AND c."organizationId" = ${tenant}` : Prisma.empty}`;
  const row = rows[0];
  if (!row || !isProgram(row.program) || !isEnvironment(row.environment)) throw new AppError("NOT_FOUND");
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    environment: row.environment,
    expectedCn: row.expectedCn,
    identifierId: row.identifierId,
    identifier: row.identifier,
    program: row.program,
  };
}
