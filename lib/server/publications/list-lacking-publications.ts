import "server-only";
import { isEnvironment, isProgram, type Environment } from "@/lib/pki";
import { isAssetKind, KINDS, PUBLISHED_KINDS, type AssetKind } from "@/lib/assets/kinds";
import { isVersionState } from "@/lib/assets/lifecycle";
import { lacksPublication, readinessItem, SETTLED_PUBLICATION_STATES } from "@/lib/assets/readiness";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { tenantWhere } from "../connections/scope";
import { sqlTime } from "../db/sql-time";

export type LackingConnection = { id: string; organization: string; identifier: string; environment: Environment };
/** One Thales-published kind: how many connections wait on Thales for it, and the first of them in board order. */
export type LackingPublication = { kind: AssetKind; count: number; first: LackingConnection[] };

type LineSql = {
  id: string;
  environment: string;
  identifier: string;
  program: string;
  organization: string;
  kind: string;
  currentState: string | null;
  notAfter: unknown;
};

/**
 * The connections whose go-live checklist waits on Thales to publish a kind (the publish page's summary), per kind
 * with at most `first` of them named, in the board's order. The board's question (listConnections' readiness)
 * without reading every asset, report and endpoint check: SQL returns only the lines of published kinds that are not
 * settled (SETTLED_PUBLICATION_STATES in force and not expired: no asset, no version in force, another state, or past
 * its notAfter), and each is judged by the board's own rule (readinessItem, lacksPublication). At scale nearly every
 * line is settled, so a few rows cross the driver instead of one per connection and kind.
 * Versions are read through the covering index as in listConnections (`cv.id || ''`): the PEM columns stay unread.
 */
export async function listLackingPublications({
  db,
  actor,
  first = 10,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  first?: number;
  now?: Date;
}): Promise<LackingPublication[]> {
  requirePermission(actor, "asset:publish");
  const tenant = tenantWhere(actor).organizationId;
  const tenantTerm = tenant !== undefined ? Prisma.sql`AND c."organizationId" = ${tenant}` : Prisma.empty;
  const columns = Prisma.sql`c.id AS id, c.environment AS environment, i.value AS identifier, i.program AS program,
    o.name AS organization`;
  const joins = Prisma.sql`JOIN "Identifier" i ON i.id = c."identifierId" JOIN "Organization" o ON o.id = i."organizationId"`;
  // A connection with no asset of a kind of its program yet: one branch per kind, through the (connectionId, kind) index.
  const missing = PUBLISHED_KINDS.map(
    (kind) => Prisma.sql`
    SELECT ${columns}, CAST(${kind} AS TEXT) AS kind, NULL AS "currentState", NULL AS "notAfter"
    FROM "Connection" c ${joins}
    WHERE i.program IN (${Prisma.join(KINDS[kind].programs)}) ${tenantTerm}
      AND NOT EXISTS (SELECT 1 FROM "Asset" m WHERE m."connectionId" = c.id AND m.kind = ${kind})`,
  );
  const lines = await db.$queryRaw<LineSql[]>`
    SELECT ${columns}, a.kind AS kind, cv.state AS "currentState", cv."notAfter" AS "notAfter"
    FROM "Asset" a JOIN "Connection" c ON c.id = a."connectionId" ${joins}
    LEFT JOIN "AssetVersion" cv ON cv."assetId" = a.id AND cv.id || '' = a."currentVersionId"
    WHERE a.kind IN (${Prisma.join(PUBLISHED_KINDS)}) ${tenantTerm}
      AND (cv.state IS NULL OR cv.state NOT IN (${Prisma.join(SETTLED_PUBLICATION_STATES)}) OR cv."notAfter" < ${now})
    UNION ALL ${Prisma.join(missing, " UNION ALL ")}
    ORDER BY organization, identifier, environment, id`;

  const lacking = new Map<AssetKind, LackingPublication>(
    PUBLISHED_KINDS.map((kind) => [kind, { kind, count: 0, first: [] }]),
  );
  for (const { id, program, environment, identifier, organization, kind, ...asset } of lines) {
    if (!isProgram(program) || !isEnvironment(environment) || !isAssetKind(kind)) continue;
    // The board lists the kinds of the connection's program only (kindsFor).
    if (!KINDS[kind].programs.includes(program)) continue;
    const current =
      asset.currentState && isVersionState(asset.currentState)
        ? { state: asset.currentState, notAfter: sqlTime(asset.notAfter) }
        : undefined;
    // trustStoreNeeded only decides whether a customer's trust store is required, never a Thales line.
    const item = readinessItem(KINDS[kind], { kind, current }, { now, trustStoreNeeded: false });
    if (!lacksPublication(item)) continue;
    const entry = lacking.get(kind)!;
    entry.count++;
    if (entry.first.length < first) entry.first.push({ id, organization, identifier, environment });
  }
  return [...lacking.values()].filter((entry) => entry.count > 0);
}
