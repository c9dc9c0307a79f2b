import type { EndpointProbeRecord } from "@/lib/server/probes/list-endpoint-probes";
import { withTitles } from "@/lib/pki";
import { FindingsList } from "./findings-list";
import { DateTime } from "@/components/date-time";
import { VERDICT } from "./verdict-style";

const yesNo = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no");

/** The latest endpoint check of a connection, with its handshake summary and the history of verdicts. */
export function EndpointCheck({ probes, action }: { probes: EndpointProbeRecord[]; action?: React.ReactNode }) {
  const [latest, ...older] = probes;
  return (
    <div
      id="endpoint-check"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="endpoint-check"
    >
      <div className="flex items-center gap-2">
        <h2 className="font-semibold">Endpoint check</h2>
        <div className="ml-auto">{action}</div>
      </div>
      {!latest ? (
        <p className="mt-2 text-slate-600">Not checked yet. The check connects to your endpoint as Thales will.</p>
      ) : (
        <div className="mt-2 space-y-2" data-testid="probe-latest" data-verdict={latest.verdict}>
          <p>
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT[latest.verdict]}`}>
              {latest.verdict}
            </span>{" "}
            <span className="font-mono text-xs">
              {latest.host}:{latest.port}
            </span>{" "}
            · <DateTime at={latest.checkedAt} />
          </p>
          {latest.handshake && (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs" data-testid="probe-handshake">
              <dt className="text-slate-600">Address</dt>
              <dd className="font-mono">{latest.handshake.address}</dd>
              <dt className="text-slate-600">TLS</dt>
              <dd>{latest.handshake.tlsVersions.join(", ") || "none"}</dd>
              <dt className="text-slate-600">Client certificate</dt>
              <dd>
                requested {yesNo(latest.handshake.clientCertificateRequested)}, required{" "}
                {yesNo(latest.handshake.clientCertificateRequired)}
              </dd>
              <dt className="text-slate-600">Accepted CAs</dt>
              <dd>
                {latest.handshake.acceptableCaNames === null
                  ? "unreadable"
                  : latest.handshake.acceptableCaNames.join("; ") || "none listed"}
              </dd>
              <dt className="text-slate-600">Served chain</dt>
              <dd>{latest.handshake.servedChain.map((c) => c.subject).join(" → ") || "none"}</dd>
            </dl>
          )}
          <FindingsList findings={withTitles(latest.findings)} />
        </div>
      )}
      {older.length > 0 && (
        <ul className="mt-3 space-y-0.5 text-xs text-slate-600" data-testid="probe-history">
          {older.slice(0, 9).map((p) => (
            <li key={p.id}>
              <DateTime at={p.checkedAt} /> · {p.verdict} · {p.findings.length} finding(s)
              {p.trigger === "scheduled" ? " · daily" : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
