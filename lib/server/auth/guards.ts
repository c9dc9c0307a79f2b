import "server-only";
import { can, type Action } from "@/lib/assets/permissions";
import { AppError } from "../errors";
import type { Actor } from "../actor";

/** Guard for services: the actor's role must allow the action (lib/assets/permissions.ts). */
export function requirePermission(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw new AppError("FORBIDDEN");
}
