import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

/** Organizations with their identifiers and connections, for the admin page and user invitations. */
export async function listOrganizations({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "organization:manage");
  return db.organization.findMany({
    orderBy: [{ kind: "desc" }, { name: "asc" }],
    select: {
      id: true, name: true, kind: true, createdAt: true,
      _count: { select: { users: true } },
      identifiers: {
        orderBy: [{ program: "asc" }, { value: "asc" }],
        select: { id: true, program: true, value: true, connections: { orderBy: { environment: "asc" }, select: { id: true, environment: true, expectedCn: true } } },
      },
    },
  });
}
