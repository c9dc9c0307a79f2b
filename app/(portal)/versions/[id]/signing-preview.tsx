import type { CertificatePreview } from "@/lib/server/assets/plan-certificate";
import { DateTime } from "@/components/date-time";

function Row({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-t border-slate-100 py-1.5 first:border-t-0 sm:grid-cols-[9rem_1fr]">
      <dt className="text-slate-600">{label}</dt>
      <dd className="break-all font-mono text-xs" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/**
 * What "Sign" will issue, from planCertificate: the same plan the signature uses, read back from its bytes.
 * The validity starts when the button is pressed, so the dates here are those of signing now.
 */
export function SigningPreview({ preview, now }: { preview: CertificatePreview; now: Date }) {
  return (
    <div data-testid="signing-preview">
      <p>Thales signs this CSR with the portal CA. The customer can download the certificate at once.</p>
      <dl className="mt-2">
        <Row label="Subject" testId="preview-subject">
          {preview.subject}
        </Row>
        <Row label="Public key" testId="preview-public-key">
          {preview.publicKey}
        </Row>
        <Row label="Valid from" testId="preview-not-before">
          <DateTime at={preview.notBefore} now={now} />
        </Row>
        <Row label="Valid until" testId="preview-not-after">
          <DateTime at={preview.notAfter} now={now} />
        </Row>
        <Row label="Basic constraints" testId="preview-basic-constraints">
          {preview.basicConstraints}
        </Row>
        <Row label="Key usage" testId="preview-key-usage">
          {preview.keyUsage.join(", ") || "absent"}
        </Row>
        <Row label="Extended key usage" testId="preview-extended-key-usage">
          {preview.extendedKeyUsage.join(", ") || "absent"}
        </Row>
        <Row label="Subject alt names" testId="preview-subject-alt-names">
          {preview.subjectAltNames.join(", ") || "none"}
        </Row>
        <Row label="CRL distribution point" testId="preview-crl">
          {preview.crlDistributionPoint ?? "none"}
        </Row>
        <Row label="Issuing CA" testId="preview-issuer">
          {preview.issuer}
          {preview.ca.source === "development" ? " (development CA)" : ""}
        </Row>
      </dl>
      {preview.findings.map((f) => (
        <p key={f.code} className="mt-2 rounded border border-amber-200 bg-amber-50 p-2 text-amber-900">
          {f.message}
        </p>
      ))}
    </div>
  );
}
