import { REVOCATION_REASON_LABELS, visible, withTitles } from "@/lib/pki";
import type { Metadata } from "next";
import Link from "next/link";
import { CertificateDetails, CsrDetails } from "@/components/certificate-details";
import { DownloadLinks } from "@/components/download-links";
import { EnvBadge } from "@/components/env-badge";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import { StateBadge } from "@/components/state-badge";
import { VersionDiff } from "@/components/version-diff";
import { can, roleSide } from "@/lib/assets/permissions";
import { kindLabel } from "@/lib/assets/kinds";
import { allows } from "@/lib/assets/lifecycle";
import { currentCrlPath } from "@/lib/server/assets/get-revocation";
import { getDb } from "@/lib/server/db/client";
import { getVersion } from "@/lib/server/assets/get-version";
import { pageUser, filledIn, type SearchParams } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { planCertificate } from "@/lib/server/assets/plan-certificate";
import { toAppError } from "@/lib/server/errors";
import { AcknowledgeForm, ApproveForm, AttachForm, ConfirmedDecision, RejectForm } from "./decision-forms";
import { DeclineRevocationForm, RevocationForm } from "./revocation-forms";
import { RevocationStatus } from "./revocation-status";
import { SigningPreview } from "./signing-preview";
import { DateTime } from "@/components/date-time";
import { DeriveTrustStoreForm } from "./derive-trust-store-form";
import { planDerivedTrustStore } from "@/lib/server/assets/derive-trust-store";
import { BackToConnection } from "@/components/entity-links";

export const metadata: Metadata = { title: "Version" };

/** Confirmations of the decisions taken on this page (the actions redirect here with ?done=…). */
const DONE: Record<string, string> = {
  approved: "Approved.",
  "approved-partially": "Approval recorded: Production needs a second, different Thales reviewer.",
  rejected: "Rejected. The customer sees your reason.",
  withdrawn: "Withdrawn.",
  acknowledged: "Receipt acknowledged.",
  issued: "Certificate issued. The customer can download it now.",
  attached: "Certificate attached. The customer can download it now.",
  revoked: "Revoked. The certificate is on the CRL and left every export.",
  "revocation-requested":
    "Revocation requested. Thales confirms or declines; the certificate stays in force until then.",
  "revocation-declined": "Revocation declined. The certificate stays in force; the customer reads your explanation.",
};

const REASONS = Object.entries(REVOCATION_REASON_LABELS).map(([value, label]) => ({ value, label }));

export default async function VersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const [{ id }, query, actor] = await Promise.all([params, filledIn(searchParams), pageUser()]);
  const version = await orNotFound(getVersion({ db: getDb(), actor, versionId: id }));
  const now = new Date();
  const awaitingReview = version.state === "SUBMITTED" || version.state === "IN_REVIEW";
  const mayReview =
    can(actor.role, "asset:review") && awaitingReview && version.kind.direction === "CUSTOMER_TO_THALES";
  const approvedBy = version.reviews.filter((r) => r.decision === "APPROVE").map((r) => r.reviewer);
  // Revocation applies to certificates the portal issued (the kind catalogue says which); the lifecycle says when.
  const revocable = version.kind.providedBy === "thales-issue";
  const mayRevoke = revocable && can(actor.role, "asset:revoke") && allows(version.state, "REVOKE");
  const mayRequest =
    revocable && can(actor.role, "asset:request-revocation") && allows(version.state, "REQUEST_REVOCATION");
  const crl = version.revocation?.crl ?? (mayRevoke || mayRequest ? await currentCrlPath(getDb()) : null);
  const serial = version.report.certificates.find((c) => c.role === "leaf")?.serialNumber ?? "?";
  const leaves = `It leaves the downloads of ${version.connection.identifier} ${version.connection.environment} at once (${version.kind.downloads.join(", ")}; portal and API)${version.kind.trustedBy ? ` and the ${version.kind.trustedBy} trust-store export` : "; it is in no trust-store export"}.`;
  const consequences = mayRequest
    ? `Thales is asked to revoke serial ${serial}; it stays in force until Thales confirms. Once revoked, which is irreversible, the serial is listed on the CRL (${crl}). ${leaves} Upload a new CSR for its replacement.`
    : `Irreversible. Serial ${serial} is listed on the portal CA's CRL (${crl}) now. ${leaves} The customer needs a new certificate from a new CSR.`;
  const mayIssue =
    can(actor.role, "asset:issue") && version.kind.kind === "CUSTOMER_CSR" && version.state === "APPROVED";
  // The preview is the plan the signature will follow; a CSR that cannot be signed says why here already.
  const signing = mayIssue
    ? await planCertificate({ db: getDb(), actor, versionId: version.id, now }).then(
        (preview) => ({ preview, problem: null }),
        (error: unknown) => {
          const known = toAppError(error);
          if (!known) throw error;
          return { preview: null, problem: known.userMessage };
        },
      )
    : null;
  const label = kindLabel(version.kind.kind, roleSide(actor.role));
  // The trust store is what the "needed" note asks for: on its own page the note would point at itself.
  const trustStoreItself = version.kind.required === "if-trust-store-needed";
  const what = `${label} v${version.seq} for ${version.connection.identifier} ${version.connection.environment}`;
  // A chain whose check found its trust store derivable offers it in one click (the same check computes the CAs).
  const derivable =
    can(actor.role, "asset:upload") && version.findings.some((f) => f.code === "TRUST_STORE_DERIVABLE")
      ? await planDerivedTrustStore({ db: getDb(), actor, versionId: version.id, now }).catch((error: unknown) => {
          if (!toAppError(error)) throw error;
          return null;
        })
      : null;
  const approval = approvedBy.length + 1;
  const approveBlocked =
    version.uploadedBy.id === actor.id
      ? "You uploaded this version: another reviewer must approve it."
      : approvedBy.includes(actor.email)
        ? "You already approved: a second, different Thales reviewer must approve."
        : undefined;
  return (
    <section className="space-y-5">
      <BackToConnection connection={version.connection} organization={version.connection.organizationName} />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {label} <span className="text-slate-600">v{version.seq}</span>
        </h1>
        <StateBadge state={version.state} />
        <EnvBadge env={version.connection.environment} />
        <code className="text-xs text-slate-600">{version.kind.kind}</code>
        {version.current && <span className="text-sm text-green-800">in force</span>}
      </header>
      {query.uploaded && (
        <FormMessage ok testId="flash">
          Submitted to Thales. You will see the review here and on your readiness board.
        </FormMessage>
      )}
      {query.done && DONE[query.done] && (
        <FormMessage ok testId="flash">
          {DONE[query.done]}
        </FormMessage>
      )}
      {revocable && (
        <RevocationStatus revocation={version.revocation} declined={version.declinedRevocation} now={now} />
      )}
      {version.rejectionReason && (
        <div
          className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          data-testid="rejection-reason"
        >
          <strong>Rejected:</strong> {version.rejectionReason}
        </div>
      )}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-4">
          {version.host && (
            <section className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">Host</h2>
              <p className="font-mono" data-testid="host">
                {version.host}
                {version.port && version.port !== 443 ? `:${version.port}` : ""}
                {version.basePath ?? ""}
              </p>
              {version.port && <p className="text-sm text-slate-600">Port {version.port}</p>}
            </section>
          )}
          {version.report.found && (
            <p className="text-sm text-slate-600">
              Found: {version.report.found}
              {version.originalFilename ? ` in ${visible(version.originalFilename)}` : ""}
              {version.report.anchoredInMozilla !== undefined && version.kind.direction === "CUSTOMER_TO_THALES"
                ? ` · ${version.report.anchoredInMozilla ? "anchors in the Mozilla root store" : `does not anchor in the Mozilla root store${trustStoreItself ? "" : " (a PEM trust store is needed)"}`}`
                : ""}
            </p>
          )}
          {version.originalSha256 && (
            <p className="text-xs text-slate-600" data-testid="original-upload">
              Uploaded file{version.originalFilename ? ` ${visible(version.originalFilename)}` : ""}:{" "}
              {version.originalSize} bytes, SHA-256 <code className="break-all">{version.originalSha256}</code>. Only
              the objects above were kept, re-encoded; the file itself is not stored.
            </p>
          )}
          {version.report.csr && <CsrDetails summary={version.report.csr.details} />}
          {version.report.certificates.map((c) => (
            <CertificateDetails key={c.sha256} summary={c.details} role={c.role} now={now} />
          ))}
          <section className="space-y-2">
            <h2 className="font-semibold">Validation at upload</h2>
            <FindingsList findings={withTitles(version.findings)} />
          </section>
          {mayReview && version.previous && (
            <VersionDiff
              previous={version.previous}
              current={{ report: version.report, host: version.host, port: version.port }}
              previousSeq={version.previous.seq}
            />
          )}
        </div>
        <aside className="min-w-0 space-y-4">
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">Actions</h2>
            <div className="text-sm">
              Download: <DownloadLinks versionId={version.id} info={version.kind} state={version.state} />
            </div>
            {mayReview && (
              <>
                <p className="text-sm" data-testid="approvals">
                  Approvals: {approvedBy.length} of {version.approvalsRequired}
                  {approvedBy.length ? ` (${approvedBy.join(", ")})` : ""}
                </p>
                <ApproveForm versionId={version.id} disabledReason={approveBlocked} title={`Approve ${what}`}>
                  <p data-testid="approval-count">
                    This is approval {approval} of {version.approvalsRequired}.{" "}
                    {approval >= version.approvalsRequired
                      ? `The version becomes Approved${version.kind.kind === "CUSTOMER_CSR" ? " and Thales can sign it" : ""}; the customer sees it.`
                      : "It counts once a second, different Thales reviewer approves too."}
                  </p>
                  <p>An approval cannot be taken back.</p>
                </ApproveForm>
                <RejectForm versionId={version.id} />
              </>
            )}
            {signing && (
              <>
                <ConfirmedDecision versionId={version.id} kind="issue" title={`Sign ${what}`}>
                  {signing.preview ? (
                    <SigningPreview preview={signing.preview} now={now} />
                  ) : (
                    <p className="text-red-800">{signing.problem}</p>
                  )}
                </ConfirmedDecision>
                <details className="text-sm">
                  <summary className="cursor-pointer">Attach a certificate signed elsewhere</summary>
                  <AttachForm versionId={version.id} />
                </details>
              </>
            )}
            {can(actor.role, "asset:withdraw") && allows(version.state, "WITHDRAW") && (
              <ConfirmedDecision versionId={version.id} kind="withdraw" title={`Withdraw ${what}`}>
                <p>
                  It is no longer offered to Thales and the version in force (if any) stays. This cannot be undone: to
                  send it again, upload it as a new version.
                </p>
              </ConfirmedDecision>
            )}
            {derivable && (
              <DeriveTrustStoreForm
                versionId={version.id}
                title={`Submit the CAs of ${what} as its trust store`}
                cas={derivable.cas}
              />
            )}
            {can(actor.role, "asset:acknowledge") && allows(version.state, "ACKNOWLEDGE") && (
              <AcknowledgeForm versionId={version.id} />
            )}
            {mayRevoke && (
              <RevocationForm
                versionId={version.id}
                mode={version.state === "REVOCATION_REQUESTED" ? "confirm" : "revoke"}
                reasons={REASONS}
                defaultReason={version.revocation?.reason}
                consequences={consequences}
              />
            )}
            {mayRevoke && version.state === "REVOCATION_REQUESTED" && <DeclineRevocationForm versionId={version.id} />}
            {mayRequest && (
              <RevocationForm versionId={version.id} mode="request" reasons={REASONS} consequences={consequences} />
            )}
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Record</h2>
            {version.issuedCertificate && (
              <p>
                Certificate issued from this CSR:{" "}
                <Link
                  className="underline"
                  href={`/versions/${version.issuedCertificate}`}
                  data-testid="issued-certificate-link"
                >
                  open it
                </Link>
              </p>
            )}
            {version.issuedFrom && (
              <p>
                Issued from{" "}
                <Link className="underline" href={`/versions/${version.issuedFrom}`}>
                  the approved CSR
                </Link>
              </p>
            )}
            <p>
              {version.kind.direction === "CUSTOMER_TO_THALES" ? "Uploaded" : "Published"} by {version.uploadedBy.email}
              , <DateTime at={version.createdAt} now={now} />
            </p>
            <p className="break-all font-mono text-xs">SHA-256 {version.sha256}</p>
            {version.reviews.length > 0 && (
              <ul className="mt-2 space-y-1" data-testid="reviews">
                {version.reviews.map((r, i) => (
                  <li key={i}>
                    {r.decision === "APPROVE" ? "Approved" : "Rejected"} by {r.reviewer} at{" "}
                    <DateTime at={r.createdAt} now={now} />
                    {r.reason ? `: ${r.reason}` : ""}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mt-3 font-medium">History</h3>
            {version.historyTotal > version.history.length && (
              <p className="text-xs text-slate-600" data-testid="history-count">
                {version.history.length} of {version.historyTotal} versions: the newest and those next to this one; this
                one and older,{" "}
                <Link
                  className="underline"
                  href={`/connections/${version.connection.id}?history=${version.kind.kind}&before=${version.seq + 1}`}
                >
                  a page at a time
                </Link>
              </p>
            )}
            <ul>
              {version.history.map((h) => (
                <li key={h.id} className="flex gap-2">
                  <Link className={h.id === version.id ? "font-semibold" : "underline"} href={`/versions/${h.id}`}>
                    v{h.seq}
                  </Link>
                  <StateBadge state={h.state} />
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </section>
  );
}
