import type { Db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/actor";
import type { Role } from "@/lib/assets/permissions";
import { newId } from "@/lib/server/ids";
import { hashPassword } from "@/lib/server/auth/password";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";

/** Test factories: real rows through the real client, shaped like what the seed makes. */
export async function makeOrganization(db: Db, name = `Org ${newId().slice(0, 8)}`): Promise<string> {
  const id = newId();
  await db.organization.create({ data: { id, name, kind: "CUSTOMER" } });
  return id;
}

export async function makeUser(
  db: Db,
  role: Role,
  options: { organizationId?: string; password?: string; email?: string; disabled?: boolean } = {},
): Promise<Actor> {
  const organizationId =
    options.organizationId ?? (role === "CUSTOMER" ? await makeOrganization(db) : await ensureThalesOrganization(db));
  const email = options.email ?? `${role.toLowerCase()}-${newId().slice(0, 8)}@example.test`;
  const id = newId();
  await db.user.create({
    data: {
      id,
      email,
      name: email,
      role,
      organizationId,
      disabled: options.disabled ?? false,
      passwordHash: await hashPassword(options.password ?? "correct horse battery"),
    },
  });
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return {
    id,
    email,
    name: email,
    role,
    organizationId,
    organizationName: org.name,
    organizationKind: org.kind,
    mfaEnabled: false,
    mfaEnrolmentRequired: false,
    mustChangePassword: false,
  };
}
