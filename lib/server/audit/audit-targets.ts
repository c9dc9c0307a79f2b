import "server-only";
import type { Db } from "../db/client";
import { kindLabel } from "@/lib/assets/kinds";
import { NAMED_CONNECTION } from "../connections/named-connection";

/** What an audit entry's target is, in words, and where it lives in the portal (null: no page of its own). */
export type AuditTarget = { type: string; id: string; label: string; href: string | null };

type Named = Omit<AuditTarget, "type" | "id">;
type Resolver = (db: Db, ids: string[]) => Promise<Map<string, Named>>;

const connectionName = (c: { environment: string; identifier: { value: string; organization: { name: string } } }) =>
  `${c.identifier.value} ${c.environment} (${c.identifier.organization.name})`;

/**
 * One resolver per target type the services audit (`recordAudit({ target: { type } })`): each reads all the ids of
 * that type on the page in one query, so a page costs one query per type, never one per entry.
 */
const RESOLVERS: Record<string, Resolver> = {
  AssetVersion: async (db, ids) => {
    const rows = await db.assetVersion.findMany({
      where: { id: { in: ids } },
      select: { id: true, seq: true, asset: { select: { kind: true, connection: { select: NAMED_CONNECTION } } } },
    });
    return new Map(
      rows.map((v) => [
        v.id,
        {
          label: `${kindLabel(v.asset.kind, "THALES")} v${v.seq} · ${connectionName(v.asset.connection)}`,
          href: `/versions/${v.id}`,
        },
      ]),
    );
  },
  Connection: async (db, ids) => {
    const rows = await db.connection.findMany({ where: { id: { in: ids } }, select: NAMED_CONNECTION });
    return new Map(rows.map((c) => [c.id, { label: `Connection ${connectionName(c)}`, href: `/connections/${c.id}` }]));
  },
  Identifier: async (db, ids) => {
    const rows = await db.identifier.findMany({
      where: { id: { in: ids } },
      select: { id: true, value: true, program: true, organization: { select: { name: true } } },
    });
    return new Map(
      rows.map((i) => [i.id, { label: `Identifier ${i.value} (${i.organization.name}, ${i.program})`, href: null }]),
    );
  },
  User: async (db, ids) => {
    const rows = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
    return new Map(rows.map((u) => [u.id, { label: `User ${u.email}`, href: "/admin/users" }]));
  },
  Organization: async (db, ids) => {
    const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return new Map(rows.map((o) => [o.id, { label: `Organization ${o.name}`, href: "/admin/organizations" }]));
  },
  PublicationRequest: async (db, ids) => {
    const rows = await db.publicationRequest.findMany({
      where: { id: { in: ids } },
      select: { id: true, kind: true, environment: true, _count: { select: { targets: true } } },
    });
    return new Map(
      rows.map((r) => [
        r.id,
        {
          label: `Publication request: ${kindLabel(r.kind, "THALES")} to ${r._count.targets} ${r.environment} connection(s)`,
          href: `/publish/requests/${r.id}`,
        },
      ]),
    );
  },
  Campaign: async (db, ids) => {
    const rows = await db.campaign.findMany({
      where: { id: { in: ids } },
      select: { id: true, kind: true, program: true, environment: true },
    });
    return new Map(
      rows.map((c) => [
        c.id,
        {
          label: `Campaign: ${kindLabel(c.kind, "THALES")} rotation, ${c.program} ${c.environment}`,
          href: `/publish/campaigns/${c.id}`,
        },
      ]),
    );
  },
  CaChange: async (db, ids) => {
    const rows = await db.caChange.findMany({ where: { id: { in: ids } }, select: { id: true, connectionId: true } });
    const connections = await db.connection.findMany({
      where: { id: { in: rows.map((r) => r.connectionId) } },
      select: NAMED_CONNECTION,
    });
    const byId = new Map(connections.map((c) => [c.id, c]));
    return new Map(
      rows.map((r) => {
        const c = byId.get(r.connectionId);
        return [r.id, { label: `CA change${c ? ` of ${connectionName(c)}` : ""}`, href: "/ca-changes" }];
      }),
    );
  },
};

/**
 * Names the targets of a page of audit entries. An object that no longer exists (or a type without a resolver)
 * keeps its type and id, so the log still says what was touched.
 */
export async function resolveAuditTargets(
  db: Db,
  events: { targetType: string | null; targetId: string | null }[],
): Promise<Map<string, AuditTarget>> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of events)
    if (e.targetType && e.targetId)
      idsByType.set(e.targetType, (idsByType.get(e.targetType) ?? new Set()).add(e.targetId));
  const resolved = new Map<string, AuditTarget>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const named = RESOLVERS[type] ? await RESOLVERS[type](db, [...ids]) : new Map<string, Named>();
      for (const id of ids) {
        const found = named.get(id);
        resolved.set(
          targetKey(type, id),
          found ? { type, id, ...found } : { type, id, label: `${type} ${id}`, href: null },
        );
      }
    }),
  );
  return resolved;
}

export const targetKey = (type: string, id: string) => `${type}:${id}`;
