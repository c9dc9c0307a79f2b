import type { Metadata } from "next";
import { KINDS, PUBLISHED_KINDS } from "@/lib/assets/kinds";
import { PUBLICATION_OVERLAP_DAYS } from "@/lib/assets/rotation";
import { getDb } from "@/lib/server/db/client";
import { listConnections } from "@/lib/server/connections/list-connections";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";
import Link from "next/link";
import { pageUserWho } from "@/app/_lib/request";
import { PublishForm } from "./publish-form";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Publish" };

export default async function PublishPage() {
  const actor = await pageUserWho("asset:publish");
  const [connections, pending] = await Promise.all([
    listConnections({ db: getDb(), actor }),
    listPublicationRequests({ db: getDb(), actor }),
  ]);
  // What each Thales-published kind still lacks: connections whose checklist waits on Thales for it.
  const lacking = PUBLISHED_KINDS.map((kind) => ({
    kind,
    connections: connections.filter((c) =>
      c.readiness.items.some((i) => i.kind === kind && !i.done && i.waitingOn === "thales"),
    ),
  })).filter((entry) => entry.connections.length > 0);
  const kinds = PUBLISHED_KINDS.map((k) => KINDS[k]).map((info) => ({
    kind: info.kind,
    label: info.label,
    programs: info.programs,
    host: info.content === "host",
    overlap: info.overlap === true,
  }));
  return (
    <PageSection title="Publish Thales assets" width="max-w-4xl">
      <p className="text-sm text-slate-700">
        Each chosen connection gets a new version; customers see it as new until they acknowledge it. A Thales CA or
        chain keeps the one in force beside it until the cut-over, a host replaces it at once. PreProd and Production
        are published separately; Production waits for a second person&apos;s approval.
      </p>
      <p className="text-sm">
        <Link className="underline" href="/publish/requests" data-testid="pending-publications">
          Publication requests waiting for a second person: {pending.length}
        </Link>{" "}
        ·{" "}
        <Link className="underline" href="/publish/campaigns">
          Rotation campaigns
        </Link>
      </p>
      <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="lacking-assets">
        <summary className="cursor-pointer font-medium">
          Connections without a Thales asset: {lacking.reduce((n, entry) => n + entry.connections.length, 0)}
        </summary>
        {lacking.length === 0 ? (
          <p className="mt-2 text-slate-600">Every connection has every Thales asset of its program.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {lacking.map(({ kind, connections: missing }) => (
              <li key={kind} data-testid="lacking-asset" data-kind={kind}>
                <span className="font-medium">{KINDS[kind].label}</span> ({missing.length}):{" "}
                {missing.map((c, n) => (
                  <span key={c.id}>
                    {n > 0 && ", "}
                    <Link className="underline" href={`/connections/${c.id}`} data-testid="lacking-connection">
                      {c.identifier} {c.environment}
                    </Link>{" "}
                    <span className="text-slate-600">({c.organization})</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </details>
      <PublishForm
        kinds={kinds}
        overlapDays={PUBLICATION_OVERLAP_DAYS}
        targets={connections.map((c) => ({
          id: c.id,
          organization: c.organization,
          identifier: c.identifier,
          program: c.program,
          environment: c.environment,
        }))}
      />
    </PageSection>
  );
}
