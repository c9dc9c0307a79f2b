import "server-only";
import type { VersionCommandOptions } from "./load-version";
import {
  decodeInput,
  isRevocationReason,
  parseCertificate,
  REVOCATION_REASONS,
  type RevocationReason,
} from "@/lib/pki";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadSigningCa, type CaInfo } from "../ca/signing-ca";
import { regenerateCrl } from "../ca/certificate-revocation-list";
import { newId } from "../ids";
import { moveVersion } from "./apply-transition";
import { emitVersionEvent } from "./emit-version-event";
import { loadVersion, type VersionContext } from "./load-version";

export type RevokeOptions = VersionCommandOptions & { reason: unknown };

export function parseReason(reason: unknown): RevocationReason {
  if (!isRevocationReason(reason)) {
    throw new AppError("INVALID_INPUT", `The reason must be one of: ${Object.keys(REVOCATION_REASONS).join(", ")}.`);
  }
  return reason;
}

/** The serial of an issued client certificate the portal CA signed; refuses others (they are not on our CRL). */
function portalSerial(version: VersionContext, info: CaInfo): string {
  if (version.kind !== "ISSUED_TLS_CLIENT_CERTIFICATE")
    throw new AppError("INVALID_INPUT", "Only an issued client certificate can be revoked.");
  const [leafDer] = decodeInput(version.normalizedPem ?? "").certificates;
  const caDer = decodeInput(info.certificatePem).certificates[0];
  const leaf = leafDer ? parseCertificate(leafDer) : undefined;
  const ca = caDer ? parseCertificate(caDer) : undefined;
  if (!leaf?.ok || !ca?.ok) throw new AppError("INVALID_INPUT", "The certificate of this version cannot be read.");
  const aki = leaf.value.authorityKeyIdentifier;
  const ski = ca.value.subjectKeyIdentifier;
  if (!aki || !ski || aki !== ski)
    throw new AppError(
      "INVALID_INPUT",
      "This certificate was not signed by the portal CA in use; revoke it with the CA that issued it.",
    );
  return leaf.value.serialNumber;
}

type RevocationStep = {
  actor: Actor;
  event: "REVOKE" | "REQUEST_REVOCATION";
  now: Date;
  origin?: RequestOrigin;
  certificate: { serialNumber: string; caId: string };
  /** Who asked or revoked, when and why: the whole update of an existing row. */
  change: { reason: RevocationReason; caId?: string } & (
    { revokedById: string; revokedAt: Date } | { requestedById: string; requestedAt: Date }
  );
};

/**
 * A request or a revocation: the lifecycle move, audited with the serial and reason, and the version's one
 * revocation row, created with the certificate's serial and CA or updated with the step.
 */
async function applyRevocationStep(tx: Tx, version: VersionContext, step: RevocationStep) {
  const { actor, event, now, origin, certificate, change } = step;
  const state = await moveVersion(tx, version, {
    actor,
    event,
    now,
    origin,
    details: { serialNumber: certificate.serialNumber, reason: change.reason },
  });
  await tx.revocation.upsert({
    where: { versionId: version.id },
    create: {
      id: newId(),
      versionId: version.id,
      organizationId: version.connection.organizationId,
      ...certificate,
      ...change,
    },
    update: change,
  });
  return state;
}

/**
 * Thales revokes an issued client certificate (or confirms a customer's request) with an RFC 5280 reason. In one
 * transaction: the lifecycle move to REVOKED, the revocation row, the asset losing it as its version in force (so
 * every export drops it), the re-signed CRL, the audit events and the "certificate.revoked" notification.
 */
export async function revokeCertificate({ db, actor, versionId, reason, origin, now = new Date() }: RevokeOptions) {
  requirePermission(actor, "asset:revoke");
  const version = await loadVersion(db, actor, versionId);
  const { info, ca } = await loadSigningCa(db, now);
  const existing = await db.revocation.findUnique({ where: { versionId }, select: { reason: true } });
  // Confirming a request without a reason keeps the customer's reason.
  const chosen = reason === undefined && existing ? parseReason(existing.reason) : parseReason(reason);
  const serialNumber = portalSerial(version, info);
  return db.$transaction(async (tx: Tx) => {
    const state = await applyRevocationStep(tx, version, {
      actor,
      event: "REVOKE",
      now,
      origin,
      certificate: { serialNumber, caId: info.id },
      // A revocation also moves a requested row to the CA that now signs the CRL.
      change: { reason: chosen, revokedById: actor.id, revokedAt: now, caId: info.id },
    });
    await tx.asset.updateMany({
      where: { id: version.assetId, currentVersionId: versionId },
      data: { currentVersionId: null },
    });
    const crl = await regenerateCrl(tx, { info, ca, now });
    await emitVersionEvent(tx, version, { type: "certificate.revoked", now, extra: { reason: chosen } });
    return { state, serialNumber, reason: chosen, crlNumber: crl.crlNumber, crl: `/crl/${crl.name}.crl` };
  });
}

/** A customer asks Thales to revoke their issued client certificate (e.g. key compromise); Thales confirms. */
export async function requestRevocation({ db, actor, versionId, reason, origin, now = new Date() }: RevokeOptions) {
  requirePermission(actor, "asset:request-revocation");
  const version = await loadVersion(db, actor, versionId);
  const { info } = await loadSigningCa(db, now);
  const chosen = parseReason(reason);
  const serialNumber = portalSerial(version, info);
  return db.$transaction(async (tx: Tx) => {
    const state = await applyRevocationStep(tx, version, {
      actor,
      event: "REQUEST_REVOCATION",
      now,
      origin,
      certificate: { serialNumber, caId: info.id },
      change: { reason: chosen, requestedById: actor.id, requestedAt: now },
    });
    await emitVersionEvent(tx, version, { type: "certificate.revocation_requested", now, extra: { reason: chosen } });
    return { state, serialNumber, reason: chosen };
  });
}
