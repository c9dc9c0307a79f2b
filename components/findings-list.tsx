// Type-only and catalogue-free modules, never the "@/lib/pki" barrel or the catalogue's entries: this component
// also renders in the browser (upload, CA change and publish forms), where each kilobyte counts (issue 16).
import type { TitledFinding } from "@/lib/pki/findings";
import { findingAnchor } from "@/lib/pki/finding-catalogue/anchor";
import { visibleLines } from "@/lib/pki/visible-text";

const STYLE = {
  error: { box: "border-red-200 bg-red-50", badge: "bg-red-700 text-white", label: "Error" },
  warning: { box: "border-amber-200 bg-amber-50", badge: "bg-amber-500 text-black", label: "Warning" },
  info: { box: "border-sky-200 bg-sky-50", badge: "bg-sky-700 text-white", label: "Info" },
} as const;

/**
 * Findings as the user reads them: what is wrong, the code to quote (linked to its entry on /findings, the page
 * form of docs/findings.md), and how to fix it in words (hint). Titles come with the findings: the server resolves
 * them from the catalogue (`withTitles` in lib/pki/findings.ts), pages and server actions alike.
 */
export function FindingsList({ findings }: { findings: TitledFinding[] }) {
  if (findings.length === 0)
    return (
      <p className="text-sm text-green-800" data-testid="no-findings">
        No problems found.
      </p>
    );
  return (
    <ul className="space-y-2" data-testid="findings">
      {findings.map((finding, i) => {
        const style = STYLE[finding.severity];
        return (
          <li
            key={`${finding.code}-${i}`}
            className={`rounded border p-3 text-sm ${style.box}`}
            data-testid="finding"
            data-code={finding.code}
            data-severity={finding.severity}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${style.badge}`}>{style.label}</span>
              {/* The catalogue's title is the label; the code is the detail to quote, linked to its entry. */}
              <span className="font-medium" data-testid="finding-title">
                {finding.title}
              </span>
              <a
                href={`/findings#${findingAnchor(finding.code)}`}
                className="text-xs text-slate-600 hover:underline"
                title="What this code means (docs/findings.md)"
                data-testid="finding-doc-link"
              >
                <code className="font-mono">{finding.code}</code>
              </a>
            </div>
            <p className="mt-1">{visibleLines(finding.message)}</p>
            {finding.hint && (
              <div className="mt-2">
                <div className="text-xs font-medium text-slate-600">How to fix</div>
                {/* Prose: a client credential's command is the one below the list (FixCommandBox), never per finding. */}
                <p className="mt-1 whitespace-pre-wrap break-words text-sm" data-testid="finding-hint">
                  {visibleLines(finding.hint)}
                </p>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
