import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { endAllSessions } from "./end-all-sessions";

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere({
  db,
  actor,
  origin,
}: {
  db: Db;
  actor: Actor;
  origin?: RequestOrigin;
}): Promise<number> {
  return db.$transaction((tx) => endAllSessions(tx, actor.id, "sign-out-everywhere", { actor, origin }));
}
