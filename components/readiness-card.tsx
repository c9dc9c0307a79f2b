import { WAITING_LABELS, type Readiness } from "@/lib/assets/readiness";
import { kindLabel } from "@/lib/assets/kinds";
import { STATE_LABELS } from "@/lib/assets/lifecycle";
import type { Finding } from "@/lib/pki";
// The catalogue module, not the "@/lib/pki" barrel (as in findings-list.tsx).
import { FINDINGS, findingAnchor } from "@/lib/pki/finding-catalogue";
import { visibleLines } from "@/lib/pki/visible-text";
import type { LatestEndpointCheck } from "@/lib/server/connections/list-connections";
import { ReadinessCardView, type ReadinessCardData } from "./readiness-card-view";

/** `o` without its undefined fields: each would travel as "$undefined" in the RSC payload, 60 cards a page. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One connection's go-live checklist. `viewer` words "who acts next" from the reader's side.
 *
 * Why a server part and a client part: the board shows 60 of these per page. Rendered as server components, each
 * card's whole element tree travels twice, once as HTML and once in the page's RSC payload (~7 kB a card). Here the
 * server resolves every word (labels, states, finding titles, visible text) into `ReadinessCardData`, and the
 * client component renders it: the payload carries only that data (issue 16, measured in the README).
 */
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
  const side = viewer === "customer" ? "CUSTOMER" : "THALES";
  const card: ReadinessCardData = defined({
    href,
    title,
    environment,
    now: now.toISOString(),
    earliestExpiry: earliestExpiry?.toISOString(),
    rotationUntil: rotationUntil?.toISOString(),
    done: readiness.done,
    required: readiness.required,
    percent: readiness.percent,
    items: readiness.items.map((item) =>
      defined({
        kind: item.kind,
        label: kindLabel(item.kind, side),
        required: item.required,
        done: item.done,
        waitingOn: item.waitingOn,
        waiting: item.waitingOn === "nobody" ? undefined : WAITING_LABELS[viewer][item.waitingOn],
        mine: item.waitingOn === viewer,
        state: item.state && STATE_LABELS[item.state],
        next: !item.done && item.waitingOn !== "nobody" ? item.next : undefined,
        reason: item.reason === undefined ? undefined : visibleLines(item.reason),
        expiry: item.expiry,
      }),
    ),
    crossChecks: crossChecks.map((f) => ({
      code: f.code,
      title: FINDINGS[f.code].title,
      message: visibleLines(f.message),
      anchor: findingAnchor(f.code),
    })),
    endpointCheck:
      endpointCheck &&
      ({
        verdict: endpointCheck.verdict,
        checkedAt: endpointCheck.checkedAt.toISOString(),
        scheduled: endpointCheck.trigger === "scheduled",
      } as const),
  });
  return <ReadinessCardView card={card} />;
}
