import "server-only";
import type { Tx } from "../db/client";
import { endAllSessions } from "../auth/end-all-sessions";

/**
 * The one place a user's role changes (a raise approved, a lowering): every session of the user ends, so a
 * changed role always means a fresh sign-in (issue 10, revocable sessions).
 */
export async function onRoleChanged(tx: Tx, userId: string): Promise<void> {
  await endAllSessions(tx, userId, "role-changed");
}
