import type { CertificateSummary, CsrSummary } from "@/lib/pki";
import { DateTime } from "@/components/date-time";

function Row({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 border-t border-slate-100 py-1.5 text-sm first:border-t-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className={`break-all ${mono ? "font-mono text-xs" : ""}`}>{children}</dd>
    </div>
  );
}

const colonHex = (hex: string) =>
  hex
    .toUpperCase()
    .match(/.{1,2}/g)
    ?.join(":") ?? hex;

/** A certificate the way a PKI specialist reads it: names, validity, key, extensions, fingerprints, pin. */
export function CertificateDetails({ summary, role, now }: { summary: CertificateSummary; role?: string; now: Date }) {
  const notAfter = new Date(summary.notAfter);
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="certificate">
      <h3 className="mb-2 font-semibold">
        {role && (
          <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-600">{role}</span>
        )}
        <span className="font-mono text-sm">{summary.subject.rfc4514 || "(empty subject)"}</span>
      </h3>
      <dl>
        <Row label="Subject" mono>
          {summary.subject.rfc4514}
        </Row>
        <Row label="Issuer" mono>
          {summary.issuer.rfc4514}
          {summary.selfIssued ? " (self-issued)" : ""}
        </Row>
        <Row label="Serial number" mono>
          {summary.serialNumber}
        </Row>
        <Row label="Valid from">
          <DateTime at={summary.notBefore} now={now} />
        </Row>
        <Row label="Valid until">
          {/* The date in the portal's one format; the colour says how close the expiry is (lib/pki/expiry.ts). */}
          <span
            data-testid="not-after"
            className={daysLeft <= 30 ? "text-red-700" : daysLeft <= 90 ? "text-amber-700" : undefined}
          >
            <DateTime at={summary.notAfter} now={now} />
          </span>
        </Row>
        <Row label="Public key">{summary.publicKey.description}</Row>
        <Row label="Signature">{summary.signatureAlgorithm.name}</Row>
        <Row label="Basic constraints">
          {summary.basicConstraints
            ? `CA: ${summary.basicConstraints.ca ? "yes" : "no"}${summary.basicConstraints.pathLength !== undefined ? `, path length ${summary.basicConstraints.pathLength}` : ""}${summary.basicConstraints.critical ? " (critical)" : ""}`
            : "absent"}
        </Row>
        <Row label="Key usage">{summary.keyUsage?.join(", ") || "absent"}</Row>
        <Row label="Extended key usage">{summary.extendedKeyUsage?.join(", ") || "absent"}</Row>
        <Row label="Subject alt names" mono>
          {summary.subjectAltNames?.length
            ? summary.subjectAltNames
                .slice(0, 20)
                .map((s) => `${s.type}:${s.value}`)
                .join(", ") +
              (summary.subjectAltNames.length > 20 ? ` … (${summary.subjectAltNames.length} in all)` : "")
            : "none"}
        </Row>
        <Row label="Subject key ID" mono>
          {summary.subjectKeyIdentifier ?? "absent"}
        </Row>
        <Row label="Authority key ID" mono>
          {summary.authorityKeyIdentifier ?? "absent"}
        </Row>
        <Fingerprints summary={summary} sha256TestId="sha256" />
      </dl>
    </section>
  );
}

/** The two fingerprints a customer compares with openssl: the file's SHA-256 and the public key's SPKI pin. */
function Fingerprints({
  summary,
  sha256TestId,
}: {
  summary: { sha256: string; spkiSha256: string };
  /** Only the certificate's fingerprint is a test hook (a CSR shown beside it must not match it too). */
  sha256TestId?: string;
}) {
  const sha256 = colonHex(summary.sha256);
  return (
    <>
      <Row label="SHA-256 fingerprint" mono>
        {sha256TestId ? <span data-testid={sha256TestId}>{sha256}</span> : sha256}
      </Row>
      <Row label="SPKI SHA-256 pin" mono>
        <span data-testid="spki-pin">{summary.spkiSha256}</span>
      </Row>
    </>
  );
}

export function CsrDetails({ summary }: { summary: CsrSummary }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="csr">
      <h3 className="mb-2 font-semibold">
        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-600">CSR</span>
        <span className="font-mono text-sm">{summary.subject.rfc4514}</span>
      </h3>
      <dl>
        <Row label="Subject" mono>
          {summary.subject.rfc4514}
        </Row>
        <Row label="Public key">{summary.publicKey.description}</Row>
        <Row label="Signature">
          {summary.signatureAlgorithm.name} —{" "}
          {summary.signatureValid
            ? "valid (proof of possession)"
            : `NOT valid${summary.signatureProblem ? `: ${summary.signatureProblem}` : ""}`}
        </Row>
        <Row label="Requested extensions">{summary.requestedExtensions.map((e) => e.name).join(", ") || "none"}</Row>
        <Row label="Subject alt names" mono>
          {summary.subjectAltNames?.map((s) => `${s.type}:${s.value}`).join(", ") || "none"}
        </Row>
        <Fingerprints summary={summary} />
      </dl>
    </section>
  );
}
