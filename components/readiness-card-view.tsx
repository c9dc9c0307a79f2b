"use client";
import Link from "next/link";
import type { ExpiryFlag, WaitingOn } from "@/lib/assets/readiness";
import { DateTime } from "./date-time";
import { EnvBadge } from "./env-badge";
import { VERDICT } from "./verdict-style";

/** A readiness card with every word resolved on the server (components/readiness-card.tsx); dates as ISO strings. */
export type ReadinessCardData = {
  href: string;
  title: string;
  environment: "PPR" | "PRD";
  /** The server's clock, so the relative dates hydrate to the words the server wrote. */
  now: string;
  earliestExpiry?: string;
  rotationUntil?: string;
  done: number;
  required: number;
  percent: number;
  items: {
    kind: string;
    label: string;
    required: boolean;
    done: boolean;
    waitingOn: WaitingOn;
    /** "Waiting on …" in the reader's wording, when someone must act. */
    waiting?: string;
    /** The reader is the one who must act. */
    mine: boolean;
    state?: string;
    next?: string;
    reason?: string;
    expiry?: ExpiryFlag;
  }[];
  crossChecks: { code: string; title: string; message: string; anchor: string }[];
  /** undefined: the card does not show endpoint checks; null: none yet. */
  endpointCheck?: { verdict: keyof typeof VERDICT; checkedAt: string; scheduled: boolean } | null;
};

const EXPIRY = {
  expired: "Expired",
  "30-days": "Expires within 30 days",
  "90-days": "Expires within 90 days",
} as const;

export function ReadinessCardView({ card }: { card: ReadinessCardData }) {
  const { now } = card;
  return (
    <article
      className={`rounded-lg border-2 bg-white p-4 shadow-sm ${card.environment === "PRD" ? "border-prd/40" : "border-ppr/40"}`}
      data-testid="readiness-card"
      data-env={card.environment}
    >
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <Link href={card.href} className="font-semibold text-slate-900 underline-offset-2 hover:underline">
          {card.title}
        </Link>
        <EnvBadge env={card.environment} />
        {card.earliestExpiry && (
          <span className="text-xs text-slate-600" data-testid="earliest-expiry">
            First expiry <DateTime at={card.earliestExpiry} now={now} />
          </span>
        )}
        <span className="ml-auto text-sm text-slate-600" data-testid="progress">
          {card.done} of {card.required} done
        </span>
      </header>
      {card.rotationUntil && (
        <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="rotation">
          Rotation in progress until <DateTime at={card.rotationUntil} now={now} />: old and new are both in force.
        </p>
      )}
      <div
        className="mb-3 h-2 rounded bg-slate-100"
        role="progressbar"
        aria-valuenow={card.percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Progress to go-live"
      >
        <div
          className={`h-2 rounded ${card.percent === 100 ? "bg-green-600" : "bg-slate-700"}`}
          style={{ width: `${card.percent}%` }}
        />
      </div>
      <ul className="space-y-1 text-sm">
        {card.items.map((item) => (
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
              {item.label}
              {item.required ? "" : " (if needed)"}
            </span>
            {item.state && <span className="text-xs text-slate-600">{item.state}</span>}
            {item.waiting && (
              <span className={`text-xs font-medium ${item.mine ? "text-amber-800" : "text-slate-600"}`}>
                {item.waiting}
              </span>
            )}
            {item.next && (
              <span className="basis-full pl-5 text-xs text-slate-600" data-testid="next-action">
                {item.next}
              </span>
            )}
            {item.reason !== undefined && (
              <span className="basis-full pl-5 text-xs text-red-800" data-testid="rejection-reason">
                Rejected by Thales: {item.reason}
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
      {card.crossChecks.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm" data-testid="board-cross-checks">
          {card.crossChecks.map((f) => (
            <li
              key={f.code}
              className="rounded border border-amber-200 bg-amber-50 px-2 py-1"
              data-testid="board-cross-check"
              data-code={f.code}
            >
              <span className="mr-1 font-medium">{f.title}:</span>
              {f.message}{" "}
              <a href={`/findings#${f.anchor}`} className="text-xs text-slate-600 underline underline-offset-2">
                <code>{f.code}</code>
              </a>
            </li>
          ))}
        </ul>
      )}
      {card.endpointCheck !== undefined && (
        <p
          className="mt-3 text-sm"
          data-testid="board-endpoint-check"
          data-verdict={card.endpointCheck?.verdict ?? "none"}
        >
          <Link href={`${card.href}#endpoint-check`} className="text-slate-700 underline underline-offset-2">
            Endpoint check
          </Link>{" "}
          {card.endpointCheck ? (
            <>
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT[card.endpointCheck.verdict]}`}>
                {card.endpointCheck.verdict}
              </span>{" "}
              <span className="text-xs text-slate-600">
                <DateTime at={card.endpointCheck.checkedAt} now={now} />
                {card.endpointCheck.scheduled ? " (daily re-check)" : ""}
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
