import type { StoredReport } from "@/lib/server/assets/version-record";
import { ScrollBox } from "@/components/scroll-box";

type Side = { report: StoredReport; host: string | null; port: number | null };

function facts(side: Side): Record<string, string> {
  const leaf = side.report.certificates[0];
  const csr = side.report.csr;
  return {
    Host: side.host ? `${side.host}:${side.port}` : "",
    Subject: csr?.subject ?? leaf?.subject ?? "",
    "Public key": csr?.publicKey ?? leaf?.details.publicKey.description ?? "",
    "SPKI pin": csr?.details.spkiSha256 ?? leaf?.details.spkiSha256 ?? "",
    Issuer: leaf?.issuer ?? "",
    "Not after": leaf?.notAfter ?? "",
    Certificates: String(side.report.certificates.length),
    Chain: side.report.certificates.map((c) => c.subject).join(" → "),
  };
}

/** What changed against the version in force before, for the reviewer (a key change is worth a look). */
export function VersionDiff({
  previous,
  current,
  previousSeq,
}: {
  previous: Side;
  current: Side;
  previousSeq: number;
}) {
  const before = facts(previous);
  const after = facts(current);
  const rows = Object.keys(after).filter((k) => before[k] || after[k]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="diff">
      <h2 className="mb-2 font-semibold">Compared with v{previousSeq} (in force before)</h2>
      <ScrollBox label="Changes from the version in force before">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th className="w-32">Field</th>
              <th>v{previousSeq}</th>
              <th>This version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => (
              <tr
                key={k}
                className={`border-t border-slate-100 align-top ${before[k] !== after[k] ? "bg-amber-50" : ""}`}
              >
                <td className="py-1">
                  {k}
                  {before[k] !== after[k] && <span className="ml-1 text-xs text-amber-800">changed</span>}
                </td>
                <td className="break-all font-mono text-xs">{before[k]}</td>
                <td className="break-all font-mono text-xs">{after[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
