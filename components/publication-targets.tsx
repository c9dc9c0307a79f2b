import type { TargetPreview } from "@/lib/server/publications/target-changes";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";

/**
 * Per target: what the customer's trust-store export gains and loses (CN, serial, SHA-256), what it keeps beside
 * the new CA until the cut-over (kinds with overlap), or the host change.
 */
export function PublicationTargets({ targets }: { targets: (TargetPreview & { versionId?: string | null })[] }) {
  return (
    <DataTable
      label="What changes per connection"
      collapse
      testId="publication-targets"
      columns={["Connection", "What changes for the customer"]}
    >
      {targets.map((t) => (
        <Row
          key={t.connectionId}
          className="align-top"
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
                    = kept <b>{c.cn}</b> · serial <span className="font-mono">{c.serialNumber}</span> beside the new one
                    until <DateTime at={t.retiring!.until} relative={false} />, then removed · SHA-256{" "}
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
        </Row>
      ))}
    </DataTable>
  );
}
