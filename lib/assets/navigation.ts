import { can, roleSide, type Role } from "./permissions";

/** What each role sees in the main navigation; derived from the permission table, never separately. */
export function navigationFor(role: Role): { href: string; label: string }[] {
  const items = [{ href: "/", label: roleSide(role) === "CUSTOMER" ? "Readiness" : "Overview" }];
  // Everyone searches what they may read (Thales every organization, a customer its own): lib/server/search.
  items.push({ href: "/search", label: "Search" });
  if (can(role, "asset:review")) items.push({ href: "/review", label: "Review queue" });
  if (can(role, "asset:publish")) items.push({ href: "/publish", label: "Publish" });
  if (can(role, "connection:read-any")) items.push({ href: "/expiring", label: "Expiring" });
  if (can(role, "connection:read-any")) items.push({ href: "/ca-changes", label: "CA changes" });
  if (can(role, "organization:manage")) items.push({ href: "/admin/organizations", label: "Organizations" });
  if (can(role, "user:manage")) items.push({ href: "/admin/users", label: "Users" });
  if (can(role, "ca:read")) items.push({ href: "/ca", label: "Thales CA" });
  if (can(role, "audit:read")) items.push({ href: "/audit", label: "Audit log" });
  items.push({ href: "/tokens", label: "API tokens" });
  return items;
}
