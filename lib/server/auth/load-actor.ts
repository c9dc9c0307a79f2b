import "server-only";
import { isRole, requiresMfa } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { sqlTime } from "../db/sql-time";

/**
 * The user behind a session, an API token or an id, each read with its organization in ONE query: this
 * runs on every request, and Prisma's nested selects would cost three round-trips. Raw SQL written so both
 * SQLite and PostgreSQL run it as is (quoted identifiers, booleans folded to 0/1 by CASE).
 */
type ActorRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  disabled: number | bigint;
  mustChangePassword: number | bigint;
  mfaEnabled: number | bigint;
  /** Sessions only: the IdP's `amr` vouched for a second factor at this sign-in. */
  idpSecondFactor?: number | bigint;
};

function toActor(row: ActorRow | undefined, sessionId?: string): Actor | null {
  if (!row || Number(row.disabled) === 1 || !isRole(row.role)) return null;
  const mfaEnabled = Number(row.mfaEnabled) === 1;
  // A single sign-on whose IdP checked a second factor (`amr`) needs no portal TOTP for this session.
  const idpSecondFactor = Number(row.idpSecondFactor ?? 0) === 1;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    organizationKind: row.organizationKind,
    mfaEnabled,
    mfaEnrolmentRequired: requiresMfa(row.role) && !mfaEnabled && !idpSecondFactor,
    mustChangePassword: Number(row.mustChangePassword) === 1,
    ...(sessionId ? { sessionId } : {}),
  };
}

/** The actor behind a user id, or null when the user is gone, disabled or has an unknown role. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const rows = await db.$queryRaw<ActorRow[]>`
    SELECT u."id", u."email", u."name", u."role", u."organizationId", o."name" AS "organizationName", o."kind" AS "organizationKind",
      CASE WHEN u."disabled" THEN 1 ELSE 0 END AS "disabled",
      CASE WHEN u."mustChangePassword" THEN 1 ELSE 0 END AS "mustChangePassword",
      CASE WHEN u."mfaEnabledAt" IS NULL THEN 0 ELSE 1 END AS "mfaEnabled"
    FROM "User" u JOIN "Organization" o ON o."id" = u."organizationId"
    WHERE u."id" = ${userId}`;
  return toActor(rows[0]);
}

/**
 * The actor of a browser session: null when the session row does not exist, has ended (sign-out, sign out
 * everywhere, password change, disabling, role change), belongs to another user than the cookie says, its
 * user is disabled, or it is a single sign-on that still owes its TOTP code (loadOwedSession).
 */
export async function loadSessionActor(db: Db, sessionId: string, userId: string): Promise<Actor | null> {
  const rows = await db.$queryRaw<ActorRow[]>`
    SELECT u."id", u."email", u."name", u."role", u."organizationId", o."name" AS "organizationName", o."kind" AS "organizationKind",
      CASE WHEN u."disabled" THEN 1 ELSE 0 END AS "disabled",
      CASE WHEN u."mustChangePassword" THEN 1 ELSE 0 END AS "mustChangePassword",
      CASE WHEN u."mfaEnabledAt" IS NULL THEN 0 ELSE 1 END AS "mfaEnabled",
      CASE WHEN s."idpSecondFactor" THEN 1 ELSE 0 END AS "idpSecondFactor"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" JOIN "Organization" o ON o."id" = u."organizationId"
    WHERE s."id" = ${sessionId} AND s."userId" = ${userId} AND s."endedAt" IS NULL AND NOT s."secondFactorOwed"`;
  return toActor(rows[0], sessionId);
}

/** Whether this open session is a single sign-on that still owes its TOTP code (of an enabled user). */
export async function loadOwedSession(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const session = await db.session.findFirst({
    where: { id: sessionId, userId, endedAt: null, secondFactorOwed: true, user: { disabled: false } },
    select: { id: true },
  });
  return !!session;
}

export type TokenActor = { tokenId: string; revoked: boolean; lastUsedAt: Date | null; actor: Actor | null };

/** An API token (by the SHA-256 of its value) with its user, or null when no token has that hash. */
export async function loadTokenActor(db: Db, tokenHash: string): Promise<TokenActor | null> {
  const rows = await db.$queryRaw<(ActorRow & { tokenId: string; revoked: number | bigint; lastUsedAt: unknown })[]>`
    SELECT t."id" AS "tokenId", CASE WHEN t."revokedAt" IS NULL THEN 0 ELSE 1 END AS "revoked", t."lastUsedAt",
      u."id", u."email", u."name", u."role", u."organizationId", o."name" AS "organizationName", o."kind" AS "organizationKind",
      CASE WHEN u."disabled" THEN 1 ELSE 0 END AS "disabled",
      CASE WHEN u."mustChangePassword" THEN 1 ELSE 0 END AS "mustChangePassword",
      CASE WHEN u."mfaEnabledAt" IS NULL THEN 0 ELSE 1 END AS "mfaEnabled"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Organization" o ON o."id" = u."organizationId"
    WHERE t."tokenHash" = ${tokenHash}`;
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    revoked: Number(row.revoked) === 1,
    lastUsedAt: sqlTime(row.lastUsedAt),
    actor: toActor(row),
  };
}
