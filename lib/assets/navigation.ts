import { can, type Role } from "./permissions";

/** What each role sees in the main navigation; derived from the permission table, never separately. */
export function navigationFor(role: Role): { href: string; label: string }[] {
  const items = [{ href: "/", label: "Overview" }];
  if (can(role, "audit:read")) items.push({ href: "/audit", label: "Audit log" });
  if (can(role, "organization:manage")) items.push({ href: "/admin/organizations", label: "Organizations" });
  if (can(role, "user:manage")) items.push({ href: "/admin/users", label: "Users" });
  return items;
}
