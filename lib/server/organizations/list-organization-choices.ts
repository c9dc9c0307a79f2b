import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

/** Every organization's id, name and kind, Thales first, for the user invitation form's organization choice. */
export async function listOrganizationChoices({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "user:manage");
  return db.organization.findMany({
    orderBy: [{ kind: "desc" }, { name: "asc" }],
    select: { id: true, name: true, kind: true },
  });
}
