import Link from "next/link";
import { WAITING_LABELS, type Readiness } from "@/lib/assets/readiness";
import { kindLabel } from "@/lib/assets/kinds";
import { STATE_LABELS } from "@/lib/assets/lifecycle";
import type { Finding } from "@/lib/pki";
import { DateTime } from "@/components/date-time";
// The catalogue module, not the "@/lib/pki" barrel (as in findings-list.tsx).
import { FINDINGS, findingAnchor } from "@/lib/pki/finding-catalogue";
import { visibleLines } from "@/lib/pki/visible-text";
import type { LatestEndpointCheck } from "@/lib/server/connections/list-connections";
import { EnvBadge } from "./env-badge";
import { VERDICT } from "./endpoint-check";

const EXPIRY = {
  expired: "Expired",
  "30-days": "Expires within 30 days",
  "90-days": "Expires within 90 days",
} as const;

/** One connection's go-live checklist. `viewer` words "who acts next" from the reader's side. */
export function ReadinessCard({
  href,
  title,
  environment,
  readiness,
  viewer,
  earliestExpiry,
  rotationUntil,
  crossChecks = [],
  endpointCheck,
  now = new Date(),
}: {
  href: string;
  title: string;
  environment: "PPR" | "PRD";
  readiness: Readiness;
  viewer: "customer" | "thales";
  earliestExpiry?: Date | null;
  rotationUntil?: Date | null;
  crossChecks?: Finding[];
  endpointCheck?: LatestEndpointCheck | null;
  now?: Date;
}) {
  return (
    <article
      className={`rounded-lg border-2 bg-white p-4 shadow-sm ${environment === "PRD" ? "border-prd/40" : "border-ppr/40"}`}
      data-testid="readiness-card"
      data-env={environment}
    >
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <Link href={href} className="font-semibold text-slate-900 underline-offset-2 hover:underline">
          {title}
        </Link>
        <EnvBadge env={environment} />
        {earliestExpiry && (
          <span className="text-xs text-slate-600" data-testid="earliest-expiry">
            First expiry <DateTime at={earliestExpiry} now={now} />
          </span>
        )}
        <span className="ml-auto text-sm text-slate-600" data-testid="progress">
          {readiness.done} of {readiness.required} done
        </span>
      </header>
      {rotationUntil && (
        <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="rotation">
          Rotation in progress until <DateTime at={rotationUntil} now={now} />: old and new are both in force.
        </p>
      )}
      <div
        className="mb-3 h-2 rounded bg-slate-100"
        role="progressbar"
        aria-valuenow={readiness.percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Progress to go-live"
      >
        <div
          className={`h-2 rounded ${readiness.percent === 100 ? "bg-green-600" : "bg-slate-700"}`}
          style={{ width: `${readiness.percent}%` }}
        />
      </div>
      <ul className="space-y-1 text-sm">
        {readiness.items.map((item) => (
          <li
            key={item.kind}
            className="flex flex-wrap items-baseline gap-x-2"
            data-testid="readiness-item"
            data-kind={item.kind}
            data-done={item.done}
            data-waiting={item.waitingOn}
          >
            <span
              aria-hidden
              className={item.done ? "text-green-700" : item.required ? "text-slate-400" : "text-slate-300"}
            >
              {item.done ? "✔" : "○"}
            </span>
            <span className={item.required ? "" : "text-slate-600"}>
              {kindLabel(item.kind, viewer === "customer" ? "CUSTOMER" : "THALES")}
              {item.required ? "" : " (if needed)"}
            </span>
            {item.state && <span className="text-xs text-slate-600">{STATE_LABELS[item.state]}</span>}
            {item.waitingOn !== "nobody" && (
              <span
                className={`text-xs font-medium ${item.waitingOn === viewer ? "text-amber-800" : "text-slate-600"}`}
              >
                {WAITING_LABELS[viewer][item.waitingOn]}
              </span>
            )}
            {!item.done && item.waitingOn !== "nobody" && (
              <span className="basis-full pl-5 text-xs text-slate-600" data-testid="next-action">
                {item.next}
              </span>
            )}
            {item.reason !== undefined && (
              <span className="basis-full pl-5 text-xs text-red-800" data-testid="rejection-reason">
                Rejected by Thales: {visibleLines(item.reason)}
              </span>
            )}
            {item.expiry && (
              <span
                className={`rounded px-1 text-xs font-semibold ${item.expiry === "90-days" ? "bg-amber-100 text-amber-900" : "bg-red-100 text-red-900"}`}
                data-testid="expiry"
              >
                {EXPIRY[item.expiry]}
              </span>
            )}
          </li>
        ))}
      </ul>
      {crossChecks.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm" data-testid="board-cross-checks">
          {crossChecks.map((f) => (
            <li
              key={f.code}
              className="rounded border border-amber-200 bg-amber-50 px-2 py-1"
              data-testid="board-cross-check"
              data-code={f.code}
            >
              <span className="mr-1 font-medium">{FINDINGS[f.code].title}:</span>
              {visibleLines(f.message)}{" "}
              <a
                href={`/findings#${findingAnchor(f.code)}`}
                className="text-xs text-slate-600 underline underline-offset-2"
              >
                <code>{f.code}</code>
              </a>
            </li>
          ))}
        </ul>
      )}
      {endpointCheck !== undefined && (
        <p className="mt-3 text-sm" data-testid="board-endpoint-check" data-verdict={endpointCheck?.verdict ?? "none"}>
          <Link href={`${href}#endpoint-check`} className="text-slate-700 underline underline-offset-2">
            Endpoint check
          </Link>{" "}
          {endpointCheck ? (
            <>
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT[endpointCheck.verdict]}`}>
                {endpointCheck.verdict}
              </span>{" "}
              <span className="text-xs text-slate-600">
                <DateTime at={endpointCheck.checkedAt} now={now} />
                {endpointCheck.trigger === "scheduled" ? " (daily re-check)" : ""}
              </span>
            </>
          ) : (
            <span className="text-xs text-slate-600">not checked yet</span>
          )}
        </p>
      )}
    </article>
  );
}
