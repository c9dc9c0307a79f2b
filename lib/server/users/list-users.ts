import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  mustChangePassword: boolean;
  /** A staff account waiting for (or refused) a second admin's approval. */
  grantPending: boolean;
  organization: { id: string; name: string };
};

export async function listUsers({ db, actor }: { db: Db; actor: Actor }): Promise<UserRow[]> {
  requirePermission(actor, "user:manage");
  return db.user.findMany({
    orderBy: [{ organization: { name: "asc" } }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      mustChangePassword: true,
      grantPending: true,
      organization: { select: { id: true, name: true } },
    },
  });
}
