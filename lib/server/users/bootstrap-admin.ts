import "server-only";
import type { Db } from "../db/client";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { generatePassword, hashPassword } from "../auth/password";

export const THALES_ORGANIZATION = "Thales";

/** The Thales organization, which holds delivery users and admins; created once. */
export async function ensureThalesOrganization(db: Db): Promise<string> {
  const existing = await db.organization.findFirst({ where: { kind: "THALES" }, select: { id: true } });
  if (existing) return existing.id;
  const id = newId();
  await db.organization.create({ data: { id, name: THALES_ORGANIZATION, kind: "THALES" } });
  return id;
}

export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword?: string };

/**
 * First run: when no admin exists, create one from PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD, or with a
 * generated password that the caller prints once (it is stored only as a hash).
 */
export async function bootstrapAdmin(db: Db, env: { email?: string; password?: string }): Promise<BootstrapResult> {
  const organizationId = await ensureThalesOrganization(db);
  if (await db.user.findFirst({ where: { role: "ADMIN" }, select: { id: true } })) return { created: false };
  const email = (env.email?.trim() || "admin@portal.local").toLowerCase();
  const generatedPassword = env.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(env.password ?? generatedPassword!);
  await db.$transaction(async (tx) => {
    const id = newId();
    await tx.user.create({ data: { id, email, name: "Administrator", role: "ADMIN", organizationId, passwordHash } });
    await recordAudit(tx, {
      action: "user.bootstrap-admin",
      organizationId,
      target: { type: "User", id },
      after: { email, role: "ADMIN" },
    });
  });
  return { created: true, email, generatedPassword };
}
