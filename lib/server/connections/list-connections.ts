import "server-only";
import { isEnvironment, isProgram, type Environment, type Finding, type Program } from "@/lib/pki";
import { isAssetKind } from "@/lib/assets/kinds";
import { IN_FORCE, IN_PLAY, isVersionState } from "@/lib/assets/lifecycle";
import { readiness, type AssetSnapshot, type Readiness } from "@/lib/assets/readiness";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { tenantWhere } from "./scope";
import { parseStoredReport } from "../assets/version-record";
import { crossCheckStored, type StoredSide } from "./cross-check-connection";
import { sqlTime } from "../db/sql-time";

export type ProbeVerdict = "passed" | "warnings" | "failed";
/** The newest endpoint check of a connection, as the board shows it (the details are on the connection page). */
export type LatestEndpointCheck = { verdict: ProbeVerdict; checkedAt: Date; trigger: "manual" | "scheduled" };

export type ConnectionRow = {
  id: string;
  organizationId: string;
  organization: string;
  program: Program;
  identifier: string;
  environment: Environment;
  expectedCn: string | null;
  readiness: Readiness;
  /** The earliest notAfter among the versions in force of this connection (what expires first). */
  earliestExpiry: Date | null;
  /** Chain ↔ host and chain ↔ trust store over the versions in play (lib/pki/cross-check.ts), re-judged when read. */
  crossChecks: Finding[];
  endpointCheck: LatestEndpointCheck | null;
  /** While a renewal overlaps its predecessor on this connection: the last cut-over (board: "rotation in progress until"). */
  rotationUntil: Date | null;
};

export type ListConnectionsFilter = {
  id?: string;
  organizationId?: string;
  program?: Program;
  environment?: Environment;
  limit?: number;
  offset?: number;
  /** Keyset paging (the API's cursor): only connections after this one in the list's order. Needs `limit`. */
  after?: ConnectionKey;
};

/** A connection's place in the list's order (organization, identifier, environment, id). */
export type ConnectionKey = { organization: string; identifier: string; environment: string; id: string };

type ConnectionSql = {
  id: string;
  organizationId: string;
  environment: string;
  expectedCn: string | null;
  identifier: string;
  program: string;
  organization: string;
};
type AssetSql = {
  connectionId: string;
  kind: string;
  currentState: string | null;
  notAfter: unknown;
  latestState: string | null;
  /** Thales' reason, read by id only when the newest version is REJECTED. */
  rejectionReason: string | null;
  /** The chain's version whose report says whether Mozilla anchors it (in force, else the newest). */
  reportId: string | null;
  chainReport: string | null;
  /** The newest version in play (IN_PLAY): what the cross-checks judge; its PEM only for the chain and the trust store. */
  playId: string | null;
  playPem: string | null;
  playHost: string | null;
  /** The latest cut-over among this asset's versions still overlapping a renewal (RETIRING). */
  retiringUntil: unknown;
};
type ProbeSql = { connectionId: string; verdict: string; trigger: string; createdAt: string | Date };

/**
 * Every connection the actor may see with its go-live readiness (lib/assets/readiness.ts): the landing page
 * of customers, and Thales' overview across organizations.
 *
 * Three flat SQL queries whatever the page size (connections; assets with their version in force, newest version
 * and newest version in play; each connection's newest endpoint check) instead of nested relation loads: Prisma
 * loads relations with one bound parameter per parent row, which breaks SQLite's 999-parameter limit once a Thales
 * user sees thousands of assets. Tenancy is an AND term the caller's filter cannot override. The cross-checks are
 * judged in process from the versions in play, memoized per version (crossCheckStored).
 *
 * Version rows are read through the covering index (assetId, seq, state, notAfter, id, retireAt) only: their
 * PEM/report/findings columns come before notAfter and make each row read cost kilobytes (issue 16). The large
 * columns are read by id in a CASE only for the kinds that need them. `x || ''` and `x + 0` keep SQLite's
 * planner off the id and (assetId, seq) unique indexes, which are not covering (EXPLAIN QUERY PLAN shows
 * "USING COVERING INDEX" for every version join); PostgreSQL plans these the same either way.
 */
export async function listConnections({
  db,
  actor,
  filter = {},
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  filter?: ListConnectionsFilter;
  now?: Date;
}): Promise<ConnectionRow[]> {
  const tenant = tenantWhere(actor).organizationId;
  const conditions = [
    tenant !== undefined ? Prisma.sql`c."organizationId" = ${tenant}` : undefined,
    filter.id ? Prisma.sql`c.id = ${filter.id}` : undefined,
    filter.organizationId ? Prisma.sql`c."organizationId" = ${filter.organizationId}` : undefined,
    filter.environment ? Prisma.sql`c.environment = ${filter.environment}` : undefined,
    filter.program ? Prisma.sql`i.program = ${filter.program}` : undefined,
  ].filter((c): c is Prisma.Sql => c !== undefined);
  // The keyset term is a row comparison in the ORDER BY's own order, so a page starts where the last one ended
  // even when rows were added or removed in between (offsets would skip or repeat them).
  if (filter.limit && filter.after)
    conditions.push(
      Prisma.sql`(o.name, i.value, c.environment, c.id) > (${filter.after.organization}, ${filter.after.identifier}, ${filter.after.environment}, ${filter.after.id})`,
    );
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const page = filter.limit ? Prisma.sql`LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}` : Prisma.empty;

  const connections = await db.$queryRaw<ConnectionSql[]>`
    SELECT c.id, c."organizationId", c.environment, c."expectedCn", i.value AS identifier, i.program, o.name AS organization
    FROM "Connection" c JOIN "Identifier" i ON i.id = c."identifierId" JOIN "Organization" o ON o.id = i."organizationId"
    ${where}
    ORDER BY o.name, i.value, c.environment, c.id
    ${page}`;
  if (connections.length === 0) return [];
  // A page's assets and checks are read for the ids it holds (at most limit + 1 parameters), not by running the page's
  // query again as a subquery, which sorted every connection twice more: a board page of 61 of 2,506 connections on
  // SQLite took 9.3-9.5 ms that way and takes 6.4-7.4 ms this way (11.4-16.2 against 8.5-10.3 ms at offset 1,200).
  // It also reads exactly the connections listed, even if one was added in between.
  const pageCondition = filter.limit
    ? Prisma.sql`c.id IN (${Prisma.join(connections.map((c) => c.id))})`
    : conditions.length
      ? Prisma.join(conditions, " AND ")
      : undefined;
  const pageWhere = pageCondition ? Prisma.sql`WHERE ${pageCondition}` : Prisma.empty;
  const [assets, probes] = await Promise.all([
    db.$queryRaw<AssetSql[]>`
    SELECT a."connectionId", a.kind, cv.state AS "currentState", cv."notAfter" AS "notAfter", lv.state AS "latestState",
           CASE WHEN a.kind = 'CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN' THEN COALESCE(a."currentVersionId", lv.id) END AS "reportId",
           CASE WHEN a.kind = 'CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN'
             THEN (SELECT r.report FROM "AssetVersion" r WHERE r.id = COALESCE(a."currentVersionId", lv.id)) END AS "chainReport",
           CASE WHEN lv.state = 'REJECTED' THEN (SELECT j."rejectionReason" FROM "AssetVersion" j WHERE j.id = lv.id) END AS "rejectionReason",
           pv.id AS "playId",
           CASE WHEN a.kind = 'ISSUER_HOST' THEN (SELECT h.host FROM "AssetVersion" h WHERE h.id = pv.id) END AS "playHost",
           CASE WHEN a.kind IN ('CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN', 'CUSTOMER_TRUST_STORE')
             THEN (SELECT n."normalizedPem" FROM "AssetVersion" n WHERE n.id = pv.id) END AS "playPem",
           (SELECT MAX(r."retireAt") FROM "AssetVersion" r WHERE r."assetId" = a.id AND r.state || '' = 'RETIRING') AS "retiringUntil"
    FROM "Asset" a
    JOIN "Connection" c ON c.id = a."connectionId"
    JOIN "Identifier" i ON i.id = c."identifierId"
    LEFT JOIN "AssetVersion" cv ON cv."assetId" = a.id AND cv.id || '' = a."currentVersionId"
    LEFT JOIN "AssetVersion" lv ON lv."assetId" = a.id AND lv.seq + 0 = (SELECT MAX(x.seq) FROM "AssetVersion" x WHERE x."assetId" = a.id)
    LEFT JOIN "AssetVersion" pv ON pv."assetId" = a.id
      AND pv.seq + 0 = (SELECT MAX(y.seq) FROM "AssetVersion" y WHERE y."assetId" = a.id AND y.state IN (${Prisma.join(IN_PLAY)}))
    ${pageWhere}`,
    // The newest check per connection through the (connectionId, createdAt) index; the result JSON is not read.
    db.$queryRaw<ProbeSql[]>`
    SELECT p."connectionId", p.verdict, p.trigger, p."createdAt"
    FROM "EndpointProbe" p
    JOIN "Connection" c ON c.id = p."connectionId"
    JOIN "Identifier" i ON i.id = c."identifierId"
    WHERE ${pageCondition ? Prisma.sql`${pageCondition} AND` : Prisma.empty}
      p.id = (SELECT z.id FROM "EndpointProbe" z WHERE z."connectionId" = p."connectionId" ORDER BY z."createdAt" DESC, z.id DESC LIMIT 1)`,
  ]);

  const byConnection = new Map<string, AssetSql[]>();
  for (const asset of assets)
    byConnection.set(asset.connectionId, [...(byConnection.get(asset.connectionId) ?? []), asset]);
  const latestProbe = new Map(probes.map((p) => [p.connectionId, p]));
  return connections.flatMap((row) => {
    if (!isProgram(row.program) || !isEnvironment(row.environment)) return [];
    let trustStoreNeeded = false;
    const sides: { chain?: StoredSide; store?: StoredSide; host?: string | null } = {};
    const snapshots: AssetSnapshot[] = (byConnection.get(row.id) ?? []).flatMap((asset) => {
      if (!isAssetKind(asset.kind)) return [];
      // A trust store is needed for a chain that does not end in a Mozilla root, unless the chain in force carries
      // its own root CA: the Thales backend export trusts that chain's CAs already (BACKEND_TRUSTS), so asking for a
      // trust store too would contradict the export (issue 15). A chain still in review proves nothing yet.
      if (asset.reportId && asset.chainReport) {
        const anchors = chainAnchors(asset.reportId, asset.chainReport);
        const inForce =
          !!asset.currentState && isVersionState(asset.currentState) && IN_FORCE.includes(asset.currentState);
        if (!anchors.mozilla && !(inForce && anchors.ownRoot)) trustStoreNeeded = true;
      }
      if (asset.playId && asset.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN")
        sides.chain = { id: asset.playId, pem: asset.playPem };
      if (asset.playId && asset.kind === "CUSTOMER_TRUST_STORE") sides.store = { id: asset.playId, pem: asset.playPem };
      if (asset.playId && asset.kind === "ISSUER_HOST") sides.host = asset.playHost;
      return [
        {
          kind: asset.kind,
          current:
            asset.currentState && isVersionState(asset.currentState)
              ? { state: asset.currentState, notAfter: sqlTime(asset.notAfter) }
              : undefined,
          latest:
            asset.latestState && isVersionState(asset.latestState)
              ? { state: asset.latestState, rejectionReason: asset.rejectionReason }
              : undefined,
        },
      ];
    });
    const probe = latestProbe.get(row.id);
    const rotationUntil = (byConnection.get(row.id) ?? []).reduce<Date | null>((max, asset) => {
      const until = sqlTime(asset.retiringUntil);
      return until && (!max || until > max) ? until : max;
    }, null);
    return [
      {
        id: row.id,
        organizationId: row.organizationId,
        organization: row.organization,
        program: row.program,
        identifier: row.identifier,
        environment: row.environment,
        expectedCn: row.expectedCn,
        readiness: readiness(row.program, row.environment, snapshots, { now, trustStoreNeeded }),
        earliestExpiry: snapshots.reduce<Date | null>((min, s) => {
          const at = s.current && IN_FORCE.includes(s.current.state) ? s.current.notAfter : null;
          return at && (!min || at < min) ? at : min;
        }, null),
        rotationUntil,
        crossChecks: crossCheckStored(sides, now),
        endpointCheck: probe
          ? {
              verdict: probe.verdict as ProbeVerdict,
              checkedAt: sqlTime(probe.createdAt)!, // a NOT NULL column
              trigger: probe.trigger === "scheduled" ? "scheduled" : "manual",
            }
          : null,
      },
    ];
  });
}

/** Reports never change once stored (immutable versions): parse each once per process, not once per board read. */
const anchored = new Map<string, { mozilla: boolean; ownRoot: boolean }>();
const ANCHORED_MEMO_SIZE = 50_000;
/** Whether a chain ends in a Mozilla root, and whether it carries its own (self-signed) root CA. */
function chainAnchors(versionId: string, report: string): { mozilla: boolean; ownRoot: boolean } {
  let hit = anchored.get(versionId);
  if (hit === undefined) {
    const stored = parseStoredReport(report);
    hit = {
      mozilla: stored.anchoredInMozilla !== false,
      ownRoot: (stored.certificates ?? []).some((c) => c.role === "root"),
    };
    anchored.set(versionId, hit);
    if (anchored.size > ANCHORED_MEMO_SIZE) anchored.delete(anchored.keys().next().value!);
  }
  return hit;
}
