import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { containsText, inOrder, pageOfIds, whereAll } from "../db/sql-page";

export const usersFilter = z.object({
  /** Part of the e-mail address or the name, any case. */
  q: z.string().trim().max(320).optional(),
});
export type UsersFilter = z.infer<typeof usersFilter>;

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

/** A page of users by organization and e-mail, `limit` from `offset`, with `total` matching the filter. */
export async function listUsers({
  db,
  actor,
  filter,
  limit,
  offset,
}: {
  db: Db;
  actor: Actor;
  filter: UsersFilter;
  limit: number;
  offset: number;
}): Promise<{ items: UserRow[]; total: number }> {
  requirePermission(actor, "user:manage");
  const { ids, total } = await pageOfIds(db, {
    id: Prisma.sql`u.id`,
    from: Prisma.sql`"User" u JOIN "Organization" o ON o.id = u."organizationId"`,
    where: whereAll([
      filter.q
        ? Prisma.sql`(${containsText(Prisma.sql`u.email`, filter.q)} OR ${containsText(Prisma.sql`u.name`, filter.q)})`
        : undefined,
    ]),
    orderBy: Prisma.sql`o.name, u.email`,
    limit,
    offset,
  });
  if (ids.length === 0) return { items: [], total };
  const users = await db.user.findMany({
    where: { id: { in: ids } },
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
  return { items: inOrder(ids, users), total };
}
