import "server-only";
import { can } from "@/lib/assets/permissions";
import type { Actor } from "../actor";
import { AppError } from "../errors";

/**
 * Campaigns are Thales publishing records that name many organizations: whoever may not publish is told they do
 * not exist (NOT_FOUND), as for another organization's object, not that they are forbidden.
 */
export function requireCampaignAccess(actor: Actor): void {
  if (!can(actor.role, "asset:publish")) throw new AppError("NOT_FOUND");
}
