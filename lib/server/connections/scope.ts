import "server-only";
import { can } from "@/lib/assets/permissions";
import type { Actor } from "../actor";

/**
 * Tenancy lives in the `where` (STYLE.md §5): customers match only rows of their own organization, so
 * another organization's connection, asset or version simply is not found (404, never a hint).
 * Every connection-scoped row carries organizationId for exactly this filter.
 */
export function tenantWhere(actor: Actor): { organizationId?: string } {
  return can(actor.role, "connection:read-any") ? {} : { organizationId: actor.organizationId };
}
