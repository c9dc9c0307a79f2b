import type { DeclinedRevocation, RevocationView } from "@/lib/server/assets/get-revocation";
import { DateTime } from "@/components/date-time";

const TONES = {
  revoked: "border-red-300 bg-red-50 text-red-950",
  requested: "border-amber-300 bg-amber-50 text-amber-950",
  declined: "border-slate-300 bg-slate-50",
} as const;

type Props = { revocation?: RevocationView; declined?: DeclinedRevocation; now: Date };

/** Where an issued certificate stands on revocation: revoked (on the CRL), requested (pending), or last declined. */
export function RevocationStatus({ revocation, declined, now }: Props) {
  const by = (who: string | null) => (who ? ` by ${who}` : "");
  const reason = revocation ? ` · reason: ${revocation.reasonLabel} (${revocation.reason})` : "";
  const [state, title, when, body]: [keyof typeof TONES, string, Date, React.ReactNode] | [] = revocation?.revokedAt
    ? [
        "revoked",
        "Revoked",
        revocation.revokedAt,
        <>
          {by(revocation.revokedBy)}
          {reason}
          {revocation.requestedBy && ` · requested by ${revocation.requestedBy}`}. Serial{" "}
          <code>{revocation.serialNumber}</code> is listed on the CRL
          {revocation.crl && (
            <>
              {" "}
              <a className="underline" href={revocation.crl}>
                {revocation.crl}
              </a>
            </>
          )}
          ; the certificate is in no export.
        </>,
      ]
    : revocation?.requestedAt
      ? [
          "requested",
          "Revocation requested",
          revocation.requestedAt,
          <>
            {by(revocation.requestedBy)}
            {reason}. Thales confirms or declines; the certificate stays in force until then.
          </>,
        ]
      : declined
        ? [
            "declined",
            "Revocation declined",
            declined.at,
            <>
              {by(declined.by)}: {declined.explanation}. The certificate stays in force.
            </>,
          ]
        : [];
  if (!state) return null;
  return (
    <div className={`rounded border p-3 text-sm ${TONES[state]}`} data-testid="revocation-status" data-state={state}>
      <strong>{title}</strong> <DateTime at={when!} now={now} />
      {body}
    </div>
  );
}
