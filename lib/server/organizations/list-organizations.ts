import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { containsText, inOrder, pageOfIds, whereAll } from "../db/sql-page";

export const organizationsFilter = z.object({
  /** Part of the name, any case. */
  q: z.string().trim().max(120).optional(),
  /** One organization, its identifiers a page at a time (identifiersFrom). */
  org: z.string().max(100).optional(),
});
export type OrganizationsFilter = z.infer<typeof organizationsFilter>;

export type OrganizationCard = {
  id: string;
  name: string;
  kind: string;
  passwordLogin: boolean;
  userCount: number;
  /** How many identifiers it holds; `identifiers` may show fewer (`identifiersEach`). */
  identifierCount: number;
  domains: { id: string; domain: string }[];
  /** Newest first, so one just added is in view. */
  identifiers: {
    id: string;
    program: string;
    value: string;
    connections: { id: string; environment: string; expectedCn: string | null }[];
  }[];
};

/**
 * A page of organizations by name for the admin page, `limit` from `offset`, with `total` matching the filter; each
 * with at most `identifiersEach` of its identifiers (all when absent), from its `identifiersFrom`-th (0: the newest;
 * the organization's own view pages them), and their connections. Only the page's organizations are read past their
 * id, and connections only for the identifiers shown, in a few flat queries whatever the page holds.
 */
export async function listOrganizations({
  db,
  actor,
  filter,
  limit,
  offset,
  identifiersEach,
  identifiersFrom = 0,
}: {
  db: Db;
  actor: Actor;
  filter: OrganizationsFilter;
  limit: number;
  offset: number;
  identifiersEach?: number;
  identifiersFrom?: number;
}): Promise<{ items: OrganizationCard[]; total: number }> {
  requirePermission(actor, "organization:manage");
  const { ids, total } = await pageOfIds(db, {
    id: Prisma.sql`id`,
    from: Prisma.sql`"Organization"`,
    where: whereAll([
      filter.q ? containsText(Prisma.sql`name`, filter.q) : undefined,
      filter.org ? Prisma.sql`id = ${filter.org}` : undefined,
    ]),
    orderBy: Prisma.sql`name, id`,
    limit,
    offset,
  });
  if (ids.length === 0) return { items: [], total };
  const ofPage = { organizationId: { in: ids } };
  const [organizations, users, identifiers, domains] = await Promise.all([
    db.organization.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, kind: true, passwordLogin: true },
    }),
    db.user.groupBy({ by: ["organizationId"], where: ofPage, _count: { _all: true } }),
    db.identifier.findMany({
      where: ofPage,
      orderBy: [{ createdAt: "desc" }, { value: "asc" }, { id: "asc" }],
      select: { id: true, organizationId: true, program: true, value: true },
    }),
    db.organizationDomain.findMany({
      where: ofPage,
      orderBy: { domain: "asc" },
      select: { id: true, organizationId: true, domain: true },
    }),
  ]);
  const identifiersOf = groupBy(identifiers, (i) => i.organizationId);
  const slice = <T>(list: T[]) =>
    list.slice(identifiersFrom, identifiersEach === undefined ? undefined : identifiersFrom + identifiersEach);
  const shown = [...identifiersOf.values()].flatMap(slice);
  const connections = await db.connection.findMany({
    where: { identifierId: { in: shown.map((i) => i.id) } },
    orderBy: { environment: "asc" },
    select: { id: true, identifierId: true, environment: true, expectedCn: true },
  });
  const connectionsOf = groupBy(connections, (c) => c.identifierId);
  const domainsOf = groupBy(domains, (d) => d.organizationId);
  const userCount = new Map(users.map((u) => [u.organizationId, u._count._all]));
  const items = inOrder(ids, organizations).map((o) => {
    const all = identifiersOf.get(o.id) ?? [];
    return {
      ...o,
      userCount: userCount.get(o.id) ?? 0,
      identifierCount: all.length,
      domains: (domainsOf.get(o.id) ?? []).map(({ id, domain }) => ({ id, domain })),
      identifiers: slice(all).map(({ id, program, value }) => ({
        id,
        program,
        value,
        connections: (connectionsOf.get(id) ?? []).map(({ id, environment, expectedCn }) => ({
          id,
          environment,
          expectedCn,
        })),
      })),
    };
  });
  return { items, total };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
