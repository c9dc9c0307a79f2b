import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

export type OrganizationRow = {
  id: string;
  name: string;
  kind: string;
  createdAt: Date;
  passwordLogin: boolean;
  domains: { id: string; domain: string }[];
  _count: { users: number };
  identifiers: {
    id: string;
    program: string;
    value: string;
    connections: { id: string; environment: string; expectedCn: string | null }[];
  }[];
};

/**
 * Organizations with their identifiers and connections, for the admin page and user invitations.
 * Flat queries assembled here: nested relation loads bind one parameter per parent row, past SQLite's limit
 * once there are thousands of identifiers.
 */
export async function listOrganizations({ db, actor }: { db: Db; actor: Actor }): Promise<OrganizationRow[]> {
  requirePermission(actor, "organization:manage");
  const [organizations, users, identifiers, connections, domains] = await Promise.all([
    db.organization.findMany({
      orderBy: [{ kind: "desc" }, { name: "asc" }],
      select: { id: true, name: true, kind: true, createdAt: true, passwordLogin: true },
    }),
    db.user.groupBy({ by: ["organizationId"], _count: { _all: true } }),
    db.identifier.findMany({
      orderBy: [{ program: "asc" }, { value: "asc" }],
      select: { id: true, organizationId: true, program: true, value: true },
    }),
    db.connection.findMany({
      orderBy: { environment: "asc" },
      select: { id: true, identifierId: true, environment: true, expectedCn: true },
    }),
    db.organizationDomain.findMany({
      orderBy: { domain: "asc" },
      select: { id: true, organizationId: true, domain: true },
    }),
  ]);
  const domainsOf = new Map<string, OrganizationRow["domains"]>();
  for (const { organizationId, ...d } of domains)
    domainsOf.set(organizationId, [...(domainsOf.get(organizationId) ?? []), d]);
  const userCount = new Map(users.map((u) => [u.organizationId, u._count._all]));
  const connectionsOf = new Map<string, OrganizationRow["identifiers"][number]["connections"]>();
  for (const { identifierId, ...c } of connections)
    connectionsOf.set(identifierId, [...(connectionsOf.get(identifierId) ?? []), c]);
  const identifiersOf = new Map<string, OrganizationRow["identifiers"]>();
  for (const { organizationId, ...i } of identifiers)
    identifiersOf.set(organizationId, [
      ...(identifiersOf.get(organizationId) ?? []),
      { ...i, connections: connectionsOf.get(i.id) ?? [] },
    ]);
  return organizations.map((o) => ({
    ...o,
    _count: { users: userCount.get(o.id) ?? 0 },
    identifiers: identifiersOf.get(o.id) ?? [],
    domains: domainsOf.get(o.id) ?? [],
  }));
}
