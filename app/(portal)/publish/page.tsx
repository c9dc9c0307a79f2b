import type { Metadata } from "next";
import { KINDS, PUBLISHED_KINDS } from "@/lib/assets/kinds";
import { PUBLICATION_OVERLAP_DAYS } from "@/lib/assets/rotation";
import { PUBLISH_TARGET_LIMIT } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { getPublishChoices } from "@/lib/server/publications/get-publish-choices";
import { listLackingPublications } from "@/lib/server/publications/list-lacking-publications";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";
import { listCustomerOrganizations } from "@/lib/server/organizations/list-customer-organizations";
import Link from "next/link";
import { pageUserWho, filledIn, type SearchParams } from "@/app/_lib/request";
import { TargetFilter, targetNarrowing } from "@/components/filter-select";
import { PublishForm } from "./publish-form";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Publish" };

/** Connections named per kind in the summary: the count says how many more (thousands at scale). */
const LACKING_SHOWN = 10;

export default async function PublishPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("asset:publish");
  const params = await filledIn(searchParams);
  const filter = targetNarrowing(params);
  const db = getDb();
  const [choices, lacking, pending, organizations] = await Promise.all([
    getPublishChoices({ db, actor, filter }),
    listLackingPublications({ db, actor, first: LACKING_SHOWN }),
    listPublicationRequests({ db, actor }),
    listCustomerOrganizations({ db, actor }),
  ]);
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
          Connections without a Thales asset: {lacking.reduce((n, entry) => n + entry.count, 0)}
        </summary>
        {lacking.length === 0 ? (
          <p className="mt-2 text-slate-600">Every connection has every Thales asset of its program.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {lacking.map(({ kind, count, first }) => (
              <li key={kind} data-testid="lacking-asset" data-kind={kind} data-count={count}>
                <span className="font-medium">{KINDS[kind].label}</span> ({count}):{" "}
                {first.map((c, n) => (
                  <span key={c.id}>
                    {n > 0 && ", "}
                    <Link className="underline" href={`/connections/${c.id}`} data-testid="lacking-connection">
                      {c.identifier} {c.environment}
                    </Link>{" "}
                    <span className="text-slate-600">({c.organization})</span>
                  </span>
                ))}
                {count > first.length && <span className="text-slate-600">, and {count - first.length} more</span>}
              </li>
            ))}
          </ul>
        )}
      </details>
      <TargetFilter lead="Offer the connections of" filter={filter} organizations={organizations} />
      {choices.targets ? (
        <PublishForm
          kinds={kinds}
          overlapDays={PUBLICATION_OVERLAP_DAYS}
          targets={choices.targets}
          environment={filter.environment}
        />
      ) : (
        <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700" data-testid="narrow-targets">
          {choices.total} connections match: one publication targets at most {PUBLISH_TARGET_LIMIT}. Narrow them by
          organization, program or environment above. A{" "}
          <Link className="underline" href="/publish/campaigns/new">
            rotation campaign
          </Link>{" "}
          publishes a Thales CA or chain to every connection of a program and environment.
        </p>
      )}
    </PageSection>
  );
}
