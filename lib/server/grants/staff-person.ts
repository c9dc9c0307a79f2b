import "server-only";
import type { StaffPerson } from "@/lib/assets/separation";
import type { Role } from "@/lib/assets/permissions";
import type { Db, Tx } from "../db/client";

const SELECT = { id: true, roleGrantedById: true, roleGrantApprovedById: true, grantPending: true } as const;

function toPerson(row: {
  id: string;
  roleGrantedById: string | null;
  roleGrantApprovedById: string | null;
  grantPending: boolean;
}): StaffPerson {
  return {
    id: row.id,
    grantedById: row.roleGrantedById,
    grantApprovedById: row.roleGrantApprovedById,
    grantPending: row.grantPending,
  };
}

/** The separation-of-duties view of some accounts (lib/assets/separation.ts), by id; unknown ids are left out. */
export async function loadStaffPeople(db: Db | Tx, ids: string[]): Promise<Map<string, StaffPerson>> {
  const rows = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: SELECT });
  return new Map(rows.map((row) => [row.id, toPerson(row)]));
}

export async function loadStaffPerson(db: Db | Tx, id: string): Promise<StaffPerson> {
  const person = (await loadStaffPeople(db, [id])).get(id);
  if (!person) throw new Error(`no user ${id}`);
  return person;
}

/** Admins who can act today, besides `except` (the account being granted): the bootstrap lasts while there are fewer than two. */
export function countActiveAdmins(db: Db | Tx, except?: string): Promise<number> {
  return db.user.count({
    where: { role: "ADMIN", disabled: false, grantPending: false, ...(except ? { id: { not: except } } : {}) },
  });
}

/**
 * Active staff of `roles` that a separation rule bars from deciding a request (`barred` says it for one person).
 * A request waiting for a second person notifies everyone else of those roles, so its notice reaches exactly the
 * people who may act on it, never the requester.
 */
export async function barredStaff(
  db: Db | Tx,
  roles: readonly Role[],
  barred: (person: StaffPerson) => boolean,
): Promise<string[]> {
  const rows = await db.user.findMany({ where: { role: { in: [...roles] }, disabled: false }, select: SELECT });
  return rows
    .map(toPerson)
    .filter(barred)
    .map((person) => person.id);
}
