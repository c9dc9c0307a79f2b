import type { BackendEntry } from "@/lib/server/connections/get-backend-view";
import { programRules, type Program } from "@/lib/pki/policy/rules";
import { DateTime } from "@/components/date-time";
import { VersionLink } from "@/components/entity-links";

/**
 * Thales' view of what the D1/TSH backend must hold for a connection: the client certificates it accepts and the
 * CAs it trusts, every version in force (during a rotation the old one with its cut-over).
 */
export function BackendView({ entries, program }: { entries: BackendEntry[]; program: Program }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="backend-view">
      <h2 className="mb-2 font-semibold">Backend view ({programRules(program).label})</h2>
      {entries.length === 0 ? (
        <p className="text-slate-600">Nothing in force yet.</p>
      ) : (
        <ul className="space-y-2">
          {entries.map((entry) => (
            <li
              key={entry.versionId}
              data-testid="backend-entry"
              data-kind={entry.kind}
              data-role={entry.role}
              data-version={entry.seq}
            >
              <p>
                <span className="font-medium">{entry.role === "accepts" ? "Accepts" : "Trusts"}:</span> {entry.label}{" "}
                <VersionLink id={entry.versionId} seq={entry.seq} />
                {entry.retireAt && (
                  <span className="ml-1 text-xs text-amber-800">
                    until <DateTime at={entry.retireAt} />
                  </span>
                )}
              </p>
              {entry.certificates.map((c) => (
                <p
                  key={c.sha256}
                  className="break-all font-mono text-xs text-slate-600"
                  data-testid="backend-certificate"
                  data-serial={c.serialNumber}
                >
                  {c.subject} · serial {c.serialNumber} · until <DateTime at={c.notAfter} relative={false} />
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
