import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

/**
 * Customer organizations by name, for the organization filter of the review queue (reviewers see all customers) or
 * of the publish form (publishers target any customer): `purpose` is the permission the page's own service needs.
 */
export async function listCustomerOrganizations({
  db,
  actor,
  purpose = "asset:review",
}: {
  db: Db;
  actor: Actor;
  purpose?: "asset:review" | "asset:publish";
}) {
  requirePermission(actor, purpose);
  return db.organization.findMany({
    where: { kind: "CUSTOMER" },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
