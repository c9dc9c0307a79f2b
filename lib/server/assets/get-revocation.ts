import "server-only";
import { crlNameOfCertificate, isRevocationReason, REVOCATION_REASON_LABELS } from "@/lib/pki";
import type { Db } from "../db/client";
import { getSigningCaInfo } from "../ca/signing-ca";

export type RevocationView = {
  /** RFC 5280 reason name and its label. */
  reason: string;
  reasonLabel: string;
  serialNumber: string;
  requestedBy: string | null;
  requestedAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
  /** Public path of the CRL that lists (or will list) the certificate. */
  crl: string | null;
};

/**
 * Where an issued client certificate stands on revocation: the pending request or the revocation (who, when,
 * why) and the CRL of the CA that signed it. `undefined` when nobody asked or revoked. The caller has already
 * loaded the version with its tenancy check.
 */
export async function getRevocation(db: Db, versionId: string): Promise<RevocationView | undefined> {
  const row = await db.revocation.findUnique({
    where: { versionId },
    select: {
      reason: true,
      serialNumber: true,
      caId: true,
      requestedById: true,
      requestedAt: true,
      revokedById: true,
      revokedAt: true,
    },
  });
  if (!row) return undefined;
  const ids = [row.requestedById, row.revokedById].filter((id): id is string => !!id);
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = (id: string | null) => users.find((u) => u.id === id)?.email ?? null;
  const ca = await db.certificateAuthority.findUnique({ where: { id: row.caId }, select: { certificatePem: true } });
  const name = ca ? crlNameOfCertificate(ca.certificatePem) : undefined;
  return {
    reason: row.reason,
    reasonLabel: isRevocationReason(row.reason) ? REVOCATION_REASON_LABELS[row.reason] : row.reason,
    serialNumber: row.serialNumber,
    requestedBy: email(row.requestedById),
    requestedAt: row.requestedAt,
    revokedBy: email(row.revokedById),
    revokedAt: row.revokedAt,
    crl: name ? `/crl/${name}.crl` : null,
  };
}

/** The CRL path of the CA signing today, for the confirmation text before a revocation. */
export async function currentCrlPath(db: Db): Promise<string | null> {
  const name = crlNameOfCertificate((await getSigningCaInfo(db)).certificatePem);
  return name ? `/crl/${name}.crl` : null;
}

export type DeclinedRevocation = { at: Date; by: string | null; explanation: string };

/** The last time Thales declined a revocation request on this version, with its explanation (from the audit trail). */
export async function getLastDecline(db: Db, versionId: string): Promise<DeclinedRevocation | undefined> {
  const event = await db.auditEvent.findFirst({
    where: { targetType: "AssetVersion", targetId: versionId, action: "asset.decline_revocation" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, actorEmail: true, details: true },
  });
  if (!event) return undefined;
  const details = event.details ? (JSON.parse(event.details) as { explanation?: unknown }) : {};
  return {
    at: event.createdAt,
    by: event.actorEmail,
    explanation: typeof details.explanation === "string" ? details.explanation : "",
  };
}
