import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { loadTokenActor } from "../auth/load-actor";
import { accessRefusal, auditRefusal, REFUSAL_MESSAGES } from "../auth/access";
import { TOKEN_PREFIX, hashToken } from "./token-format";
import { noteActor } from "@/lib/observe/runtime.mjs";

/**
 * The actor behind `Authorization: Bearer <token>`: the token with its user in one query, on every request,
 * so a revoked token or a disabled user is refused at once (401). A user who must still choose a password,
 * or a staff user without a second factor, is refused (403) like in the browser. Refusals of a known
 * token are audited (an unknown token names nobody; those are counted by the HTTP log, not the audit).
 */
export async function authenticateApiToken(
  db: Db,
  authorization: string | null,
  now = new Date(),
  origin?: RequestOrigin,
): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200)
    throw new AppError("UNAUTHENTICATED", "Send a valid API token as `Authorization: Bearer <token>`.");
  const row = await loadTokenActor(db, hashToken(token));
  if (!row) throw new AppError("UNAUTHENTICATED", "This API token is not valid (unknown or revoked).");
  if (row.revoked || !row.actor) {
    // A staff account whose grant waits for a second admin is held disabled (lib/server/grants): say so.
    const held =
      !row.revoked &&
      (
        await db.apiToken.findUnique({
          where: { id: row.tokenId },
          select: { user: { select: { grantPending: true } } },
        })
      )?.user.grantPending;
    await auditRefusal(db, {
      reason: row.revoked ? "token-revoked" : held ? "grant-pending" : "user-disabled",
      via: "api-token",
      origin,
      details: { tokenId: row.tokenId },
    });
    if (held)
      throw new AppError(
        "FORBIDDEN",
        "This API token's user has a staff role that waits for a second administrator's approval.",
      );
    throw new AppError(
      "UNAUTHENTICATED",
      row.revoked ? "This API token is not valid (unknown or revoked)." : "This API token's user is disabled.",
    );
  }
  const refusal = accessRefusal(row.actor);
  if (refusal) {
    await auditRefusal(db, {
      actor: row.actor,
      reason: refusal,
      via: "api-token",
      origin,
      details: { tokenId: row.tokenId },
    });
    throw new AppError("FORBIDDEN", REFUSAL_MESSAGES[refusal]);
  }
  noteActor(row.actor.id);
  // Record use at most once a minute per token, so reads do not turn into a write each.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return row.actor;
}
