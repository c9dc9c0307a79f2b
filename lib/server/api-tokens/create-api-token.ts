import "server-only";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { generateToken, hashToken } from "./token-format";

export type CreateApiTokenOptions = {
  db: Db;
  userId: string;
  name: string;
  actor?: Actor | null;
  origin?: RequestOrigin;
};

/**
 * A new API token for a user. The token is returned once and stored only as its hash. Users create
 * their own from the account page; operators use `npm run token` (actor null: the operator's shell).
 */
export async function createApiToken({
  db,
  userId,
  name,
  actor = null,
  origin,
}: CreateApiTokenOptions): Promise<{ id: string; token: string; prefix: string }> {
  const label = name.trim() || "API token";
  if (label.length > 100) throw new AppError("INVALID_INPUT", "A token name has at most 100 characters.");
  if (actor && actor.id !== userId) throw new AppError("FORBIDDEN");
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, organizationId: true, disabled: true },
  });
  if (!user || user.disabled) throw new AppError("NOT_FOUND", "No such active user.");
  const token = generateToken();
  const prefix = token.slice(0, 12);
  const id = newId();
  await db.$transaction(async (tx) => {
    await tx.apiToken.create({ data: { id, userId, name: label, tokenHash: hashToken(token), prefix } });
    await recordAudit(tx, {
      action: "api-token.created",
      actor: actor ?? null,
      organizationId: user.organizationId,
      target: { type: "ApiToken", id },
      details: { name: label, prefix, forUser: user.email, via: actor ? "portal" : "operator command" },
      origin,
    });
  });
  return { id, token, prefix };
}
