import { expect } from "vitest";
import type { Db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/actor";
import { roleSide, type Role } from "@/lib/assets/permissions";
import type { Program } from "@/lib/pki";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { newId } from "@/lib/server/ids";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import { createIdentifier } from "@/lib/server/identifiers/create-identifier";
import { makeOrganization } from "./factories";

/**
 * Service-level fixtures for the asset tests. Users get a placeholder password hash (nobody signs in here),
 * so twenty reviewers cost twenty inserts, not twenty scrypt runs.
 */
let sequence = 0;

export async function makeActor(db: Db, role: Role, organizationId?: string): Promise<Actor> {
  const orgId =
    organizationId ?? (roleSide(role) === "CUSTOMER" ? await makeOrganization(db) : await ensureThalesOrganization(db));
  const id = newId();
  const email = `${role.toLowerCase()}-${++sequence}-${id.slice(0, 6)}@example.test`;
  await db.user.create({
    data: { id, email, name: email, role, organizationId: orgId, passwordHash: "scrypt$1$1$1$x$x" },
  });
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId } });
  return {
    id,
    email,
    name: email,
    role,
    organizationId: orgId,
    organizationName: org.name,
    organizationKind: org.kind,
    mfaEnabled: false,
    mfaEnrolmentRequired: false,
    mustChangePassword: false,
  };
}

export type Customer = {
  organizationId: string;
  customer: Actor;
  identifier: string;
  identifierId: string;
  ppr: string;
  prd: string;
};

/** A customer organization with one identifier in `program` (created by an admin through the service) and its two connections. */
export async function makeCustomer(
  db: Db,
  program: Program,
  options: { admin?: Actor; organizationId?: string; identifier?: string } = {},
): Promise<Customer> {
  const admin = options.admin ?? (await makeActor(db, "ADMIN"));
  const organizationId = options.organizationId ?? (await makeOrganization(db));
  const identifier = options.identifier ?? `ID${++sequence}${newId().slice(0, 4).toUpperCase()}`;
  const { id: identifierId } = await createIdentifier({
    db,
    actor: admin,
    input: { organizationId, program, value: identifier },
  });
  const connections = await db.connection.findMany({
    where: { identifierId },
    select: { id: true, environment: true },
  });
  const customer = await makeActor(db, "CUSTOMER", organizationId);
  return {
    organizationId,
    customer,
    identifier,
    identifierId,
    ppr: connections.find((c) => c.environment === "PPR")!.id,
    prd: connections.find((c) => c.environment === "PRD")!.id,
  };
}

/**
 * A version written with the Prisma client directly, for states the services would not produce for this
 * actor (e.g. a version "uploaded" by a Thales reviewer, to test that nobody approves their own upload).
 */
export async function insertVersion(
  db: Db,
  options: {
    connectionId: string;
    kind: AssetKind;
    uploadedById: string;
    state?: string;
    normalizedPem?: string;
    createdAt?: Date;
  },
): Promise<string> {
  const connection = await db.connection.findUniqueOrThrow({
    where: { id: options.connectionId },
    select: { organizationId: true },
  });
  const direction = KINDS[options.kind].direction;
  const asset = await db.asset.upsert({
    where: { connectionId_kind: { connectionId: options.connectionId, kind: options.kind } },
    create: {
      id: newId(),
      connectionId: options.connectionId,
      organizationId: connection.organizationId,
      kind: options.kind,
      direction,
    },
    update: {},
    select: { id: true },
  });
  const last = await db.assetVersion.findFirst({
    where: { assetId: asset.id },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  const id = newId();
  const at = options.createdAt ?? new Date();
  await db.assetVersion.create({
    data: {
      id,
      assetId: asset.id,
      organizationId: connection.organizationId,
      seq: (last?.seq ?? 0) + 1,
      state: options.state ?? "SUBMITTED",
      stateChangedAt: at,
      createdAt: at,
      normalizedPem: options.normalizedPem ?? null,
      sha256: newId().replace(/-/g, ""),
      report: JSON.stringify({ verdict: "accepted", found: "test row", certificates: [] }),
      findings: "[]",
      uploadedById: options.uploadedById,
    },
  });
  return id;
}

/** Row counts of every table a service may write. */
export async function counts(db: Db) {
  const [assets, versions, reviews, audits, connections, authorities] = await Promise.all([
    db.asset.count(),
    db.assetVersion.count(),
    db.review.count(),
    db.auditEvent.count(),
    db.connection.count(),
    db.certificateAuthority.count(),
  ]);
  return { assets, versions, reviews, audits, connections, authorities };
}

/**
 * Everything a forbidden call could have changed: counts, every version's state and reason, every asset's
 * version in force, every connection's expected CN. Compare before and after with toEqual.
 */
export async function dbState(db: Db) {
  return {
    counts: await counts(db),
    versions: await db.assetVersion.findMany({
      orderBy: { id: "asc" },
      select: { id: true, state: true, stateChangedAt: true, rejectionReason: true },
    }),
    assets: await db.asset.findMany({ orderBy: { id: "asc" }, select: { id: true, currentVersionId: true } }),
    connections: await db.connection.findMany({ orderBy: { id: "asc" }, select: { id: true, expectedCn: true } }),
  };
}

/** Expects `promise` to reject with an AppError of `code`. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID_INPUT",
): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: "AppError", code });
}

export async function auditActions(db: Db, targetId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({
    where: { targetId },
    orderBy: { createdAt: "asc" },
    select: { action: true },
  });
  return events.map((e) => e.action);
}
