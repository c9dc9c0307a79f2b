import "server-only";
import { getServerSession } from "next-auth";
import { can, isRole, type Action, type Role } from "@/lib/assets/permissions";
import { getDb, type Db } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actor";
import { authOptions } from "./options";

/**
 * The signed-in user, re-read from the database on every call: a user disabled a second ago, or whose
 * role changed, gets the new truth on the next request. Null when nobody (valid) is signed in.
 */
export async function getCurrentUser(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  return loadActor(getDb(), session.uid);
}

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, organization: { select: { id: true, name: true, kind: true } } },
  });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organization.id,
    organizationName: user.organization.name,
    organizationKind: user.organization.kind,
  };
}

/** Guard: throws UNAUTHENTICATED when nobody is signed in. */
export async function requireUser(): Promise<Actor> {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

/** Guard for services: the actor must hold one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN");
}

/** Guard for services: the actor's role must allow the action (lib/assets/permissions.ts). */
export function requirePermission(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw new AppError("FORBIDDEN");
}
