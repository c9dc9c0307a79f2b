import "server-only";
import type { Tx } from "../db/client";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { moveVersion } from "./apply-transition";
import { emitVersionEvent } from "./emit-version-event";
import { loadVersion, type VersionCommandOptions } from "./load-version";

export type DeclineRevocationOptions = VersionCommandOptions & { explanation: unknown };

/** Why Thales declines, for the customer: required, as a rejection's reason is. */
function parseExplanation(explanation: unknown): string {
  const text = typeof explanation === "string" ? explanation.trim() : "";
  if (text.length < 3 || text.length > 2000)
    throw new AppError("INVALID_INPUT", "Say why the revocation is declined (3 to 2000 characters).");
  return text;
}

/**
 * Thales declines a customer's revocation request: the certificate stays in force (back to ACKNOWLEDGED), the
 * request leaves the pending revocations (the audit event keeps the requested reason and the explanation), and
 * the customer is told why. Nothing reaches the CRL.
 */
export async function declineRevocation({
  db,
  actor,
  versionId,
  explanation,
  origin,
  now = new Date(),
}: DeclineRevocationOptions) {
  requirePermission(actor, "asset:revoke");
  const version = await loadVersion(db, actor, versionId);
  const why = parseExplanation(explanation);
  return db.$transaction(async (tx: Tx) => {
    const request = await tx.revocation.findUnique({
      where: { versionId },
      select: { reason: true, requestedById: true, revokedAt: true },
    });
    const state = await moveVersion(tx, version, {
      actor,
      event: "DECLINE_REVOCATION",
      now,
      origin,
      details: { requestedReason: request?.reason ?? null, explanation: why },
    });
    if (request && !request.revokedAt) await tx.revocation.delete({ where: { versionId } });
    await emitVersionEvent(tx, version, { type: "certificate.revocation_declined", now, extra: { reason: why } });
    return { state, explanation: why };
  });
}
