import "server-only";
import { can } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";

/**
 * Customer organizations by name, for the organization filter of the review queue and of the publishing forms: for
 * whoever reviews or publishes (both act on every customer's connections); anyone else is refused.
 */
export async function listCustomerOrganizations({ db, actor }: { db: Db; actor: Actor }) {
  if (!can(actor.role, "asset:review") && !can(actor.role, "asset:publish")) throw new AppError("FORBIDDEN");
  return db.organization.findMany({
    where: { kind: "CUSTOMER" },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
