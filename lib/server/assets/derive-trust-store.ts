import "server-only";
import { parseCertificate, readPemBlocks } from "@/lib/pki";
import { ASSET_KINDS, KINDS, isCustomerKind, type AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { checkAssetOffThread } from "../pki/check-pool";
import { loadVersion, type VersionCommandOptions } from "./load-version";
import { uploadAsset } from "./upload-asset";

/** The customer kind a derived trust store is submitted as: the kind table's one checked as a trust store. */
const TRUST_STORE_KIND: AssetKind = ASSET_KINDS.find((k) => isCustomerKind(k) && KINDS[k].check === "trust-store")!;

export type DerivedTrustStorePlan = {
  /** The chain version the CAs come from. */
  versionId: string;
  connectionId: string;
  kind: AssetKind;
  cas: { subject: string; sha256: string }[];
  pem: string;
};

/**
 * What "Submit its CAs as the trust store" would submit for a server-chain version: exactly the chain check's
 * `derivedTrustStorePem` (lib/pki/check.ts), computed again from the stored chain with the same check that
 * said TRUST_STORE_DERIVABLE, so the button and the finding can never disagree. Refused clearly (422) when the
 * chain gives no trust store: not a chain, anchored in a Mozilla root, or no self-signed CA in the upload.
 */
export async function planDerivedTrustStore({
  db,
  actor,
  versionId,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  versionId: string;
  now?: Date;
}): Promise<DerivedTrustStorePlan> {
  const version = await loadVersion(db, actor, versionId);
  const info = KINDS[version.kind];
  if (info.check !== "server-chain" || !isCustomerKind(version.kind) || !version.normalizedPem)
    throw new AppError(
      "INVALID_INPUT",
      `A trust store is derived from a server certificate chain, not a ${info.label.toLowerCase()}.`,
    );
  const { connection } = version;
  const report = await checkAssetOffThread(version.normalizedPem, {
    program: connection.program,
    environment: connection.environment,
    identifier: connection.identifier,
    asset: "server-chain",
    expectedCn: connection.expectedCn ?? undefined,
    now,
  });
  if (!report.derivedTrustStorePem) {
    const hasCa = report.certificates.some((c) => c.role !== "leaf");
    throw new AppError(
      "INVALID_INPUT",
      report.anchoredInMozilla
        ? "This chain ends in a Mozilla-trusted root: Thales needs no trust store for it."
        : hasCa
          ? "This chain does not include its root CA, so no trust store can be derived from it: upload the trust store (root and intermediate CAs) yourself."
          : "This chain has no CA certificate: upload the trust store (root and intermediate CAs) yourself.",
    );
  }
  const pem = report.derivedTrustStorePem;
  // The dialog names each CA as the chain report does (subject, SHA-256): the report's own summaries.
  const derived = new Set(
    readPemBlocks(pem).flatMap((b) => {
      const parsed = b.der ? parseCertificate(b.der) : undefined;
      return parsed?.ok ? [parsed.value.sha256] : [];
    }),
  );
  const cas = report.certificates
    .filter((c) => derived.has(c.sha256))
    .map(({ subject, sha256 }) => ({ subject, sha256 }));
  return { versionId: version.id, connectionId: connection.id, kind: TRUST_STORE_KIND, cas, pem };
}

/**
 * A customer submits the CA certificates of one of their server chains as a new version of that connection's
 * trust store, in one click: through the normal upload path (same checks, same review, audited as
 * `asset.uploaded` with `derivedFrom`). The confirmation dialog that named the CAs is the confirmation of
 * warnings; errors of the trust-store check refuse it (422) and store nothing.
 */
export async function deriveTrustStore({ db, actor, versionId, origin, now = new Date() }: VersionCommandOptions) {
  // The viewer and Thales are refused before anything is looked up (403), as for any upload.
  requirePermission(actor, "asset:upload");
  const plan = await planDerivedTrustStore({ db, actor, versionId, now });
  const result = await uploadAsset({
    db,
    actor,
    connectionId: plan.connectionId,
    kind: plan.kind,
    content: { file: plan.pem, filename: `derived-from-${versionId}.pem` },
    confirmWarnings: true,
    derivedFrom: versionId,
    origin,
    now,
  });
  if (result.status !== "stored")
    throw new AppError(
      "INVALID_INPUT",
      `The derived trust store was refused: ${result.findings
        .filter((f) => f.severity === "error")
        .map((f) => f.message)
        .join(" ")}`,
    );
  return { ...result, cas: plan.cas };
}
