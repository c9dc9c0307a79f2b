import "server-only";
import {
  TRUST_STORE_FILES,
  trustAnchors,
  trustStorePasswordProblem,
  writeTrustStore,
  type TrustStoreFormat,
} from "@/lib/pki";
import { trustedKinds, type AssetKind } from "@/lib/assets/kinds";
import { can, roleSide } from "@/lib/assets/permissions";
import { IN_FORCE } from "@/lib/assets/lifecycle";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadConnection } from "./load-connection";

/** What the customer must trust on this connection: Thales' CAs for calls from Thales and the server CAs to call Thales. */
export const CUSTOMER_TRUSTS: readonly AssetKind[] = trustedKinds("customer");
/** What the Thales backend must trust to call the customer: their server chain's CAs and their trust store. */
export const BACKEND_TRUSTS: readonly AssetKind[] = trustedKinds("thales-backend");

export type TrustStoreAudience = "customer" | "thales-backend";

/**
 * One PEM with exactly the CA certificates a party must trust on a connection, from every version in force
 * (during a renewal's overlap the old and the new one),
 * deduplicated, with `# subject / issuer / not after` headers. Never a leaf: "trust only the Thales Client CA,
 * never pin its client certificate". Customers get what they must trust; Thales delivery gets, by default,
 * what the D1/TSH backend must trust to call the customer.
 */
export type ExportTrustStoreOptions<F extends TrustStoreFormat = TrustStoreFormat> = {
  db: Db;
  actor: Actor;
  connectionId: string;
  audience?: TrustStoreAudience;
  /** pem (default), p7b, p12 or jks; p12 and jks are protected by `password` (default `changeit`). */
  format?: F;
  password?: string;
  origin?: RequestOrigin;
  now?: Date;
};

/** PEM comes as text, the other formats as bytes. */
type TrustStoreBody<F extends TrustStoreFormat> = F extends "pem" ? string : Uint8Array;

export async function exportTrustStore<F extends TrustStoreFormat = "pem">(options: ExportTrustStoreOptions<F>) {
  const { db, actor, connectionId, audience, origin, password } = options;
  const format: TrustStoreFormat = options.format ?? "pem";
  const now = options.now ?? new Date();
  requirePermission(actor, "asset:export-trust-store");
  const passwordProblem = password === undefined ? undefined : trustStorePasswordProblem(password);
  if (passwordProblem) throw new AppError("INVALID_INPUT", passwordProblem);
  const connection = await loadConnection(db, actor, connectionId);
  const who: TrustStoreAudience = audience ?? (roleSide(actor.role) === "CUSTOMER" ? "customer" : "thales-backend");
  if (who === "thales-backend" && !can(actor.role, "connection:read-any")) throw new AppError("NOT_FOUND");
  const kinds = who === "customer" ? CUSTOMER_TRUSTS : BACKEND_TRUSTS;
  const cas = trustAnchors((await inForcePems(db, connection.id, kinds)).map((v) => v.pem)).map((a) => a.der);
  const header = `# Trust store for ${connection.identifier} (${connection.program}) ${connection.environment} — ${who === "customer" ? "what you must trust" : "what the Thales backend must trust"}\n# ${cas.length} CA certificate(s), exported ${now.toISOString()}\n`;
  const body = writeTrustStore(cas, { format, now, password, pemHeader: header, pemOrder: "ca-only" });
  await recordAudit(db, {
    action: "trust-store.exported",
    actor,
    organizationId: connection.organizationId,
    target: { type: "Connection", id: connection.id },
    // Never the password itself: only whether the caller chose one.
    details: { audience: who, certificates: cas.length, format, customPassword: password !== undefined },
    origin,
  });
  const stem = `trust-store-${connection.identifier}-${connection.environment}${who === "thales-backend" ? "-backend" : ""}`;
  const file = TRUST_STORE_FILES[format];
  return {
    filename: `${stem}.${file.extension}`.replace(/[^A-Za-z0-9._-]/g, "_"),
    contentType: file.contentType,
    body: body as TrustStoreBody<F>,
    count: cas.length,
  };
}

/**
 * The PEM of every version in force on a connection for these kinds (what its trust-store exports are made of):
 * all of them, not only each asset's newest, because during a renewal's overlap the old one is still trusted too.
 */
export async function inForcePems(
  db: Db,
  connectionId: string,
  kinds: readonly AssetKind[],
): Promise<{ id: string; kind: AssetKind; pem: string }[]> {
  const versions = await db.assetVersion.findMany({
    where: { asset: { connectionId, kind: { in: [...kinds] } }, state: { in: [...IN_FORCE] } },
    orderBy: [{ asset: { kind: "asc" } }, { assetId: "asc" }, { seq: "desc" }],
    select: { id: true, normalizedPem: true, asset: { select: { kind: true } } },
  });
  return versions.map((v) => ({ id: v.id, kind: v.asset.kind as AssetKind, pem: v.normalizedPem ?? "" }));
}
