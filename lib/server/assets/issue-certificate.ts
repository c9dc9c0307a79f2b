import "server-only";
import { issueClientCertificate } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadSigningCa } from "../ca/signing-ca";
import { crlUrlFor } from "../ca/certificate-revocation-list";
import { loadVersion } from "./load-version";
import { recordIssuedCertificate } from "./record-issued-certificate";

export type IssueCertificateOptions = { db: Db; actor: Actor; versionId: string; origin?: RequestOrigin; now?: Date };

/** Thales signs an approved CSR with the portal's CA (validity from the program's rules in lib/pki). */
export async function issueCertificate({ db, actor, versionId, origin, now = new Date() }: IssueCertificateOptions) {
  requirePermission(actor, "asset:issue");
  const csr = await loadVersion(db, actor, versionId);
  if (csr.kind !== "CUSTOMER_CSR") throw new AppError("INVALID_INPUT", "Only a CSR can be signed.");
  if (csr.state !== "APPROVED") throw new AppError("CONFLICT", "Only an approved CSR can be signed.");
  const { info, ca } = await loadSigningCa(db, now);
  const issued = issueClientCertificate({
    csrPem: csr.normalizedPem ?? "",
    ca,
    program: csr.connection.program,
    now,
    crlUrl: crlUrlFor(ca),
  });
  if (!issued.ok) throw new AppError("INVALID_INPUT", issued.findings.map((f) => f.message).join(" "), issued.findings);
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
