import "server-only";
import type { Db } from "../db/client";
import type { Actor } from "../actor";

/** The actor's own tokens, without hashes. */
export async function listApiTokens({ db, actor }: { db: Db; actor: Actor }) {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
