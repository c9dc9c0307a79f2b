import "server-only";
import type { Tx } from "../db/client";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { applyTransition } from "./apply-transition";
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
  const organizationId = version.connection.organizationId;
  return db.$transaction(async (tx: Tx) => {
    const request = await tx.revocation.findUnique({
      where: { versionId },
      select: { reason: true, requestedById: true, revokedAt: true },
    });
    const state = await applyTransition({
      tx,
      actor,
      versionId,
      organizationId,
      from: version.state,
      event: "DECLINE_REVOCATION",
      now,
      origin,
      details: { requestedReason: request?.reason ?? null, explanation: why },
    });
    if (request && !request.revokedAt) await tx.revocation.delete({ where: { versionId } });
    await emitEvent(tx, {
      type: "certificate.revocation_declined",
      organizationId,
      now,
      payload: {
        ...connectionPayload(version.connection, { kind: version.kind, id: versionId, seq: version.seq }),
        reason: why,
      },
    });
    return { state, explanation: why };
  });
}
