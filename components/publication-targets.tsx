import type { TargetPreview } from "@/lib/server/publications/target-changes";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";

/**
 * Per target: what the customer's trust-store export gains and loses (CN, serial, SHA-256), what it keeps beside
 * the new CA until the cut-over (kinds with overlap), or the host change.
 */
export function PublicationTargets({ targets }: { targets: (TargetPreview & { versionId?: string | null })[] }) {
  return (
    <ScrollBox label="What changes per connection">
      <table
        className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm"
        data-testid="publication-targets"
      >
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="p-2">Connection</th>
            <th className="p-2">What changes for the customer</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr
              key={t.connectionId}
              className="border-t border-slate-100 align-top"
              data-testid="publication-target"
              data-connection={t.connectionId}
            >
              <td className="p-2">
                {t.organization} · <span className="font-mono">{t.identifier}</span>{" "}
                <span className="text-xs text-slate-600">
                  {t.program} {t.environment}
                </span>
              </td>
              <td className="p-2">
                {t.host && (
                  <span>
                    Host <span className="font-mono">{t.host.before ?? "(none)"}</span> →{" "}
                    <span className="font-mono">{t.host.after}</span>
                  </span>
                )}
                {t.trustStore && (
                  <ul className="space-y-1">
                    {t.trustStore.added.map((c) => (
                      <li key={`+${c.sha256}`} data-testid="trust-store-added" className="text-green-800">
                        + added <b>{c.cn}</b> · serial <span className="font-mono">{c.serialNumber}</span> · SHA-256{" "}
                        <span className="break-all font-mono text-xs">{c.sha256}</span>
                      </li>
                    ))}
                    {t.trustStore.removed.map((c) => (
                      <li key={`-${c.sha256}`} data-testid="trust-store-removed" className="text-red-800">
                        − removed <b>{c.cn}</b> · serial <span className="font-mono">{c.serialNumber}</span> · SHA-256{" "}
                        <span className="break-all font-mono text-xs">{c.sha256}</span>
                      </li>
                    ))}
                    {t.retiring?.certificates.map((c) => (
                      <li key={`~${c.sha256}`} data-testid="trust-store-retiring" className="text-amber-800">
                        = kept <b>{c.cn}</b> · serial <span className="font-mono">{c.serialNumber}</span> beside the new
                        one until <DateTime at={t.retiring!.until} relative={false} />, then removed · SHA-256{" "}
                        <span className="break-all font-mono text-xs">{c.sha256}</span>
                      </li>
                    ))}
                    {t.trustStore.added.length === 0 && t.trustStore.removed.length === 0 && (
                      <li className="text-slate-600">Trust-store export unchanged.</li>
                    )}
                    <li className="text-xs text-slate-600">{t.trustStore.kept} certificate(s) stay.</li>
                  </ul>
                )}
                {!t.host && !t.trustStore && (
                  <span className="text-slate-600">{t.versionId ? "Published." : "Decided."}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
