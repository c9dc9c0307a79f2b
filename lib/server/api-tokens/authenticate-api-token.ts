import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { loadActor } from "../auth/load-actor";
import { TOKEN_PREFIX, hashToken } from "./token-format";
import { noteActor } from "@/lib/observe/runtime.mjs";

/**
 * The actor behind `Authorization: Bearer <token>`: the token's user, re-read on every request, so a
 * revoked token or a disabled user is refused at once. Anything else is UNAUTHENTICATED (401).
 */
export async function authenticateApiToken(db: Db, authorization: string | null, now = new Date()): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new AppError("UNAUTHENTICATED", "Send a valid API token as `Authorization: Bearer <token>`.");
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "This API token is not valid (unknown or revoked).");
  const actor = await loadActor(db, row.userId);
  if (!actor) throw new AppError("UNAUTHENTICATED", "This API token's user is disabled.");
  noteActor(actor.id);
  // Record use at most once a minute per token, so reads do not turn into a write each.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return actor;
}
