import "server-only";
import {
  decodeInput,
  exportPemBundle,
  finding,
  hasErrors,
  parseCertificate,
  verifyCertificateMatchesCsr,
  type Finding,
} from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { getSigningCaInfo } from "../ca/signing-ca";
import { loadVersion } from "./load-version";
import { recordIssuedCertificate } from "./record-issued-certificate";

export type AttachCertificateOptions = {
  db: Db;
  actor: Actor;
  versionId: string;
  certificate: Uint8Array | string;
  origin?: RequestOrigin;
  now?: Date;
};

/**
 * Thales attaches a certificate signed elsewhere (e.g. by Business PKI directly) to an approved CSR,
 * after lib/pki verifies it carries the CSR's key, was signed by the configured CA and has sane validity.
 */
export async function attachCertificate({
  db,
  actor,
  versionId,
  certificate,
  origin,
  now = new Date(),
}: AttachCertificateOptions): Promise<{ ok: true; versionId: string } | { ok: false; findings: Finding[] }> {
  requirePermission(actor, "asset:issue");
  const csr = await loadVersion(db, actor, versionId);
  if (csr.kind !== "CUSTOMER_CSR") throw new AppError("INVALID_INPUT", "A certificate is attached to a CSR.");
  if (csr.state !== "APPROVED") throw new AppError("CONFLICT", "Only an approved CSR gets a certificate.");
  const decoded = decodeInput(certificate);
  if (hasErrors(decoded.findings)) return { ok: false, findings: decoded.findings };
  const leafDer =
    decoded.certificates.find((der) => {
      const parsed = parseCertificate(der);
      return parsed.ok && !parsed.value.basicConstraints?.ca;
    }) ?? decoded.certificates[0];
  if (!leafDer)
    return { ok: false, findings: [finding("CERTIFICATE_NOT_FOUND", "No certificate was found in the upload.")] };
  const ca = await getSigningCaInfo(db, now);
  const findings = verifyCertificateMatchesCsr({
    certificate: leafDer,
    csr: csr.normalizedPem ?? "",
    caCertificate: ca.certificatePem,
    now,
  });
  if (hasErrors(findings)) return { ok: false, findings };
  const parsed = parseCertificate(leafDer);
  const certificatePem = exportPemBundle([leafDer], { order: "leaf-to-root", comments: false });
  const result = await db.$transaction((tx) =>
    recordIssuedCertificate(
      tx,
      csr,
      {
        certificatePem,
        caCertificatePem: ca.certificatePem,
        serialNumber: parsed.ok ? parsed.value.serialNumber : "",
        how: "attached",
      },
      { actor, now, origin },
    ),
  );
  return { ok: true, versionId: result.versionId };
}
