import "server-only";
import type { Recipient } from "@/lib/assets/notification-events";
import { roleSide } from "@/lib/assets/permissions";
import type { Actor } from "../actor";

/** Which side of the exchange a user reads notices as. */
export function sideOf(actor: Pick<Actor, "role">): Recipient {
  return roleSide(actor.role);
}
