import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

/** Customer organizations by name, for the review queue's organization filter (reviewers see all customers). */
export async function listCustomerOrganizations({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "asset:review");
  return db.organization.findMany({
    where: { kind: "CUSTOMER" },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
