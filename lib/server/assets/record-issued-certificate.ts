import "server-only";
import { checkAsset, exportPemBundle, decodeInput } from "@/lib/pki";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { applyTransition, makeCurrent } from "./apply-transition";
import type { VersionContext } from "./load-version";
import { earliestNotAfter, serializeReport } from "./version-record";
import { assetSlot, startVersion } from "./asset-slot";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";

export type IssuedCertificate = {
  certificatePem: string;
  caCertificatePem: string;
  serialNumber: string;
  how: "signed" | "attached";
};

/**
 * Inside the caller's transaction: the CSR moves APPROVED → ISSUED (only if still APPROVED, so concurrent
 * issue requests yield one certificate), and the certificate becomes the customer's
 * ISSUED_TLS_CLIENT_CERTIFICATE in force, stored as leaf + CA chain.
 */
export async function recordIssuedCertificate(
  tx: Tx,
  csr: VersionContext,
  issued: IssuedCertificate,
  context: { actor: Actor; now: Date; origin?: RequestOrigin },
) {
  const { actor, now, origin } = context;
  const connection = csr.connection;
  await applyTransition({
    tx,
    actor,
    versionId: csr.id,
    organizationId: connection.organizationId,
    from: "APPROVED",
    event: "ISSUE",
    now,
    origin,
    details: { serialNumber: issued.serialNumber, how: issued.how },
  });

  const chainDer = decodeInput(`${issued.certificatePem}\n${issued.caCertificatePem}`).certificates;
  const normalizedPem = exportPemBundle(chainDer, { order: "leaf-to-root", comments: false });
  const report = await checkAsset(normalizedPem, {
    program: connection.program,
    environment: connection.environment,
    identifier: connection.identifier,
    asset: "trust-store",
    now,
  });
  const slot = await assetSlot(
    tx,
    { connectionId: connection.id, organizationId: connection.organizationId },
    "ISSUED_TLS_CLIENT_CERTIFICATE",
  );
  // The cut-over the customer chose with the CSR applies to the certificate it renews.
  const { cutOverAt } = await tx.assetVersion.findUniqueOrThrow({ where: { id: csr.id }, select: { cutOverAt: true } });
  const leaf = report.certificates.find((c) => c.role === "leaf") ?? report.certificates[0];
  const versionId = await startVersion(
    tx,
    slot,
    {
      state: "PUBLISHED",
      normalizedPem,
      sha256: leaf?.sha256 ?? "",
      report: serializeReport(report),
      findings: "[]",
      notAfter: earliestNotAfter({ ...report, certificates: leaf ? [leaf] : [] }),
      uploadedById: actor.id,
      issuedFromVersionId: csr.id,
      cutOverAt,
    },
    now,
  );
  await makeCurrent(tx, {
    assetId: slot.assetId,
    versionId,
    organizationId: connection.organizationId,
    actor,
    now,
    origin,
  });
  await recordAudit(tx, {
    action: "asset.published",
    actor,
    organizationId: connection.organizationId,
    target: { type: "AssetVersion", id: versionId },
    after: { state: "PUBLISHED", kind: "ISSUED_TLS_CLIENT_CERTIFICATE" },
    details: { fromCsr: csr.id, serialNumber: issued.serialNumber, how: issued.how },
    origin,
  });
  await emitEvent(tx, {
    type: "certificate.issued",
    organizationId: connection.organizationId,
    now,
    payload: connectionPayload(connection, {
      kind: "ISSUED_TLS_CLIENT_CERTIFICATE",
      id: versionId,
      seq: slot.seq,
    }),
  });
  return { versionId, assetId: slot.assetId, serialNumber: issued.serialNumber };
}
