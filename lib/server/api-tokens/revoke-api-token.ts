import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";

/** Revokes one of the actor's own tokens; it stops working at its next request. */
export async function revokeApiToken({
  db,
  actor,
  tokenId,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  tokenId: string;
  origin?: RequestOrigin;
  now?: Date;
}) {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId: actor.id },
      select: { id: true, prefix: true, revokedAt: true },
    });
    if (!token) throw new AppError("NOT_FOUND");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
    await recordAudit(tx, {
      action: "api-token.revoked",
      actor,
      target: { type: "ApiToken", id: token.id },
      details: { prefix: token.prefix },
      origin,
    });
  });
}
