import "server-only";
import { planClientCertificate, type CertificatePlanView, type IssueResult } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadSigningCa, type CaInfo } from "../ca/signing-ca";
import { crlUrlFor } from "../ca/certificate-revocation-list";
import { loadVersion } from "./load-version";

export type PlanCertificateOptions = { db: Db; actor: Actor; versionId: string; now?: Date };

/**
 * The checks and inputs of signing an approved CSR, shared by the preview (planCertificate) and the signature
 * (issueCertificate): both see the same CSR, CA, program and CRL location, so they cannot disagree.
 */
export async function prepareIssue({ db, actor, versionId, now = new Date() }: PlanCertificateOptions) {
  requirePermission(actor, "asset:issue");
  const csr = await loadVersion(db, actor, versionId);
  if (csr.kind !== "CUSTOMER_CSR") throw new AppError("INVALID_INPUT", "Only a CSR can be signed.");
  if (csr.state !== "APPROVED") throw new AppError("CONFLICT", "Only an approved CSR can be signed.");
  const { info, ca } = await loadSigningCa(db, now);
  const params = { csrPem: csr.normalizedPem ?? "", ca, program: csr.connection.program, now, crlUrl: crlUrlFor(ca) };
  return { csr, info, params };
}

export type CertificatePreview = CertificatePlanView & { ca: Pick<CaInfo, "id" | "source"> };

/** What signing this CSR now would issue (subject, key, validity, extensions, CA), without signing or auditing. */
export async function planCertificate(options: PlanCertificateOptions): Promise<CertificatePreview> {
  const { info, params } = await prepareIssue(options);
  const planned = planClientCertificate(params);
  if (!planned.ok) throw failedPlan(planned.findings);
  return { ...planned.plan.view, ca: { id: info.id, source: info.source } };
}

export function failedPlan(findings: Extract<IssueResult, { ok: false }>["findings"]): AppError {
  return new AppError("INVALID_INPUT", findings.map((f) => f.message).join(" "), findings);
}
