import "server-only";
import { isRole, requiresMfa } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor } from "../actor";

/** The actor behind a user id, or null when the user is gone, disabled or has an unknown role. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, mfaEnabledAt: true, organization: { select: { id: true, name: true, kind: true } } },
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
    mfaEnabled: user.mfaEnabledAt !== null,
    mfaEnrolmentRequired: requiresMfa(user.role) && user.mfaEnabledAt === null,
  };
}

