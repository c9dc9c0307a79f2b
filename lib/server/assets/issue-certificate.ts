import "server-only";
import { issueClientCertificate } from "@/lib/pki";
import type { VersionCommandOptions } from "./load-version";
import { recordAudit } from "../audit/record-audit";
import { failedPlan, prepareIssue } from "./plan-certificate";
import { recordIssuedCertificate } from "./record-issued-certificate";

export type IssueCertificateOptions = VersionCommandOptions;

/** Thales signs an approved CSR with the portal's CA, exactly as planCertificate previewed it (lib/pki planClientCertificate). */
export async function issueCertificate({ db, actor, versionId, origin, now = new Date() }: IssueCertificateOptions) {
  const { csr, info, params } = await prepareIssue({ db, actor, versionId, now });
  const issued = issueClientCertificate(params);
  if (!issued.ok) throw failedPlan(issued.findings);
  return db.$transaction(async (tx) => {
    const result = await recordIssuedCertificate(
      tx,
      csr,
      {
        certificatePem: issued.certificatePem,
        caCertificatePem: info.certificatePem,
        serialNumber: issued.serialNumber,
        how: "signed",
      },
      { actor, now, origin },
    );
    await recordAudit(tx, {
      action: "ca.signed",
      actor,
      organizationId: csr.connection.organizationId,
      target: { type: "CertificateAuthority", id: info.id },
      details: { csrVersionId: csr.id, serialNumber: issued.serialNumber, notAfter: issued.notAfter.toISOString() },
      origin,
    });
    return result;
  });
}
