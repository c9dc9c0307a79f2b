import "server-only";
import type { Db } from "../db/client";
import { newId } from "../ids";
import { hashPassword } from "../auth/password";
import { ensureThalesOrganization } from "../users/bootstrap-admin";
import { seedDemoAssets } from "./demo-assets";

/** The demo password of every demo account (README "Demo data"). Never use demo data in production. */
export const DEMO_PASSWORD = "portal-demo-2026";

export const DEMO_ORGANIZATIONS = ["Acme Bank", "Globex Pay"] as const;

export const DEMO_USERS = [
  { email: "admin@portal.test", name: "Ada Admin", role: "ADMIN", organization: "Thales" },
  { email: "delivery1@thales.test", name: "Dana Delivery", role: "THALES_DELIVERY", organization: "Thales" },
  { email: "delivery2@thales.test", name: "Dev Delivery", role: "THALES_DELIVERY", organization: "Thales" },
  { email: "ops@acme.test", name: "Olivia Ops (Acme)", role: "CUSTOMER", organization: "Acme Bank" },
  { email: "ops@globex.test", name: "Gus Ops (Globex)", role: "CUSTOMER", organization: "Globex Pay" },
  { email: "viewer@acme.test", name: "Vera Viewer (Acme)", role: "CUSTOMER_READ_ONLY", organization: "Acme Bank" },
] as const;

/** Idempotent: creates what is missing, leaves what exists (including changed passwords) alone. */
export async function seedDemo(db: Db): Promise<{ organizations: number; users: number; assets: boolean }> {
  const thalesId = await ensureThalesOrganization(db);
  const orgIds = new Map<string, string>([["Thales", thalesId]]);
  let organizations = 0;
  for (const name of DEMO_ORGANIZATIONS) {
    const existing = await db.organization.findUnique({ where: { name }, select: { id: true } });
    if (existing) {
      orgIds.set(name, existing.id);
      continue;
    }
    const id = newId();
    await db.organization.create({ data: { id, name, kind: "CUSTOMER" } });
    orgIds.set(name, id);
    organizations++;
  }
  let users = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    if (await db.user.findUnique({ where: { email: user.email }, select: { id: true } })) continue;
    await db.user.create({
      data: {
        id: newId(),
        email: user.email,
        name: user.name,
        role: user.role,
        organizationId: orgIds.get(user.organization)!,
        passwordHash,
      },
    });
    users++;
  }
  const assets = await seedDemoAssets(db, {
    admin: "admin@portal.test",
    delivery1: "delivery1@thales.test",
    delivery2: "delivery2@thales.test",
    acme: "ops@acme.test",
    globex: "ops@globex.test",
  });
  return { organizations, users, assets };
}
