import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/session";

export async function listOrganizations({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "organization:manage");
  return db.organization.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, createdAt: true, _count: { select: { users: true } } },
  });
}
