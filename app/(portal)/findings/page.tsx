import type { Metadata } from "next";
import { FINDING_AREAS, findingAnchor, type FindingCode, type FindingSpec } from "@/lib/pki/finding-catalogue";

export const metadata: Metadata = { title: "Findings" };

const BADGE = {
  error: "bg-red-700 text-white",
  warning: "bg-amber-500 text-black",
  info: "bg-sky-700 text-white",
} as const;

/** Every finding code, what it means and how to fix it: docs/findings.md, rendered from the same catalogue. */
export default function FindingsPage() {
  return (
    <section className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Findings</h1>
      <p className="text-sm text-slate-700">
        Every code the portal, the REST API and <code>portal-check</code> can report. A finding&apos;s own message says
        what is wrong with your file and its hint gives the exact command; this page says what each code means.
      </p>
      {FINDING_AREAS.map((area) => (
        <section key={area.title} className="space-y-3">
          <h2 className="text-lg font-semibold">{area.title}</h2>
          {(Object.entries(area.codes) as [FindingCode, FindingSpec][]).map(([code, spec]) => (
            <article
              key={code}
              id={findingAnchor(code)}
              data-testid="finding-entry"
              data-code={code}
              className="scroll-mt-4 rounded border border-slate-200 bg-white p-3 text-sm target:ring-2 target:ring-blue-600"
            >
              <h3 className="flex flex-wrap items-center gap-2">
                <code className="font-semibold">{code}</code>
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BADGE[spec.severity]}`}>
                  {spec.severity}
                </span>
                <span>{spec.title}</span>
              </h3>
              <dl className="mt-2 grid grid-cols-[5rem_minmax(0,1fr)] gap-x-2 gap-y-1 break-words">
                <dt className="text-slate-600">Means</dt>
                <dd>{spec.meaning}</dd>
                <dt className="text-slate-600">Fix</dt>
                <dd>{spec.fix}</dd>
                <dt className="text-slate-600">Rule</dt>
                <dd>{spec.source}</dd>
              </dl>
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}
