import "server-only";
import { isEnvironment, isProgram, type Environment, type Program } from "@/lib/pki";
import { PUBLISH_TARGET_LIMIT } from "@/lib/assets/publication";
import type { Db } from "../db/client";

/** A connection as a publishing form offers it: what the label says and what the form filters on, no readiness. */
export type ConnectionTarget = {
  id: string;
  organization: string;
  identifier: string;
  program: Program;
  environment: Environment;
};

export type ConnectionTargetFilter = {
  /** The programs the form publishes to (each kind applies to some). */
  programs: readonly Program[];
  organizationId?: string;
  program?: Program;
  environment?: Environment;
};

/** The Prisma `where` of the connections matching a target filter (for a count and for the list). */
export function connectionTargetWhere(filter: ConnectionTargetFilter) {
  return {
    // A program the form does not publish to narrows to nothing, never past the form's programs.
    identifier: { program: { in: filter.programs.filter((p) => !filter.program || p === filter.program) } },
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.environment ? { environment: filter.environment } : {}),
  };
}

/**
 * The connections a publishing form may target, by organization and identifier: one indexed read of the connection,
 * identifier and organization names. Callers authorize (asset:publish) before calling it.
 */
async function listConnectionTargets(db: Db, filter: ConnectionTargetFilter): Promise<ConnectionTarget[]> {
  const rows = await db.connection.findMany({
    where: connectionTargetWhere(filter),
    select: {
      id: true,
      environment: true,
      identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
    },
    orderBy: [
      { identifier: { organization: { name: "asc" } } },
      { identifier: { value: "asc" } },
      { environment: "asc" },
      { id: "asc" },
    ],
  });
  return rows.flatMap((r) =>
    isProgram(r.identifier.program) && isEnvironment(r.environment)
      ? [
          {
            id: r.id,
            organization: r.identifier.organization.name,
            identifier: r.identifier.value,
            program: r.identifier.program,
            environment: r.environment,
          },
        ]
      : [],
  );
}

/** The targets a publishing form offers: how many match, and their names when one publication may target them all. */
export type ConnectionTargetOffer = {
  /** How many connections the filter matches. */
  total: number;
  /** Those connections, or undefined when there are more than `limit`: the form asks to narrow the filter. */
  targets?: ConnectionTarget[];
};

/**
 * The connections a filter narrows to, named only up to `limit` (default PUBLISH_TARGET_LIMIT, what one publication
 * targets), so a page never sends thousands of names and every list it gives can be ticked whole. Callers authorize.
 */
export async function offerConnectionTargets(
  db: Db,
  filter: ConnectionTargetFilter,
  limit = PUBLISH_TARGET_LIMIT,
): Promise<ConnectionTargetOffer> {
  const total = await db.connection.count({ where: connectionTargetWhere(filter) });
  if (total > limit) return { total };
  return { total, targets: await listConnectionTargets(db, filter) };
}
