import "server-only";
import type { Recipient } from "@/lib/assets/notification-events";
import type { Actor } from "../actor";

/** Which side of the exchange a user reads notices as. */
export function sideOf(actor: Pick<Actor, "role">): Recipient {
  return actor.role === "CUSTOMER" ? "CUSTOMER" : "THALES";
}
