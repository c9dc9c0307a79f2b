import "server-only";
import { grantApprovalProblem, SEPARATION_RULES } from "@/lib/assets/separation";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { loadStaffPeople } from "./staff-person";

export type StaffGrantRow = {
  id: string;
  user: { id: string; email: string; name: string };
  role: string;
  previousRole: string | null;
  state: string;
  requestedBy: string;
  createdAt: Date;
  /** Why this admin may not decide it (null: they may). */
  blockedBecause: string | null;
};

/** Staff grants waiting for a second admin (and the latest decided ones), each saying whether the caller may decide. */
export async function listStaffGrants({
  db,
  actor,
  take = 50,
}: {
  db: Db;
  actor: Actor;
  take?: number;
}): Promise<{ pending: StaffGrantRow[]; decided: StaffGrantRow[] }> {
  requirePermission(actor, "user:manage");
  const rows = await db.staffGrant.findMany({
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      role: true,
      previousRole: true,
      state: true,
      requestedById: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  const people = await loadStaffPeople(db, [actor.id, ...rows.map((r) => r.requestedById)]);
  const emails = new Map(
    (
      await db.user.findMany({
        where: { id: { in: rows.map((r) => r.requestedById) } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.id, u.email]),
  );
  const me = people.get(actor.id)!;
  const toRow = (r: (typeof rows)[number]): StaffGrantRow => {
    const requester = people.get(r.requestedById);
    const problem = requester ? grantApprovalProblem(requester, me, r.user.id) : null;
    return {
      id: r.id,
      user: r.user,
      role: r.role,
      previousRole: r.previousRole,
      state: r.state,
      requestedBy: emails.get(r.requestedById) ?? "(unknown)",
      createdAt: r.createdAt,
      blockedBecause: problem ? SEPARATION_RULES[problem] : null,
    };
  };
  return {
    pending: rows.filter((r) => r.state === "PENDING").map(toRow),
    decided: rows
      .filter((r) => r.state !== "PENDING")
      .slice(0, take)
      .map(toRow),
  };
}
