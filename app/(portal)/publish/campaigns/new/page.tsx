import Link from "next/link";
import type { Metadata } from "next";
import { PUBLICATION_OVERLAP_DAYS } from "@/lib/assets/rotation";
import { getDb } from "@/lib/server/db/client";
import { getCampaignChoices } from "@/lib/server/campaigns/campaign-choices";
import { listCustomerOrganizations } from "@/lib/server/organizations/list-customer-organizations";
import { filledIn, pageUser, type SearchParams } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { CampaignForm } from "./campaign-form";
import { PageSection } from "@/components/page-section";
import { TargetFilter, targetNarrowing } from "@/components/filter-select";

export const metadata: Metadata = { title: "New rotation campaign" };

export default async function NewCampaignPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUser();
  const filter = targetNarrowing(await filledIn(searchParams));
  const db = getDb();
  // The campaign service first: whoever may not publish gets the 404 before the organizations are read.
  const choices = await orNotFound(getCampaignChoices({ db, actor, filter }));
  const organizations = await listCustomerOrganizations({ db, actor });
  return (
    <PageSection title="New rotation campaign" width="max-w-4xl">
      <p className="text-sm text-slate-700">
        Publish a new Thales CA or chain to every connection of a program and environment, or to a chosen set, with one
        cut-over: each customer&apos;s trust store holds the one in force and the new one until then. Preview first;
        nothing is stored until you confirm. A Production campaign is a publication request: nothing changes for
        customers until a second Thales person approves it.{" "}
        <Link className="underline" href="/publish/campaigns">
          All campaigns
        </Link>
      </p>
      <TargetFilter lead="Offer to tick the connections of" filter={filter} organizations={organizations} />
      <CampaignForm
        {...choices}
        program={filter.program}
        environment={filter.environment}
        overlapDays={PUBLICATION_OVERLAP_DAYS}
      />
    </PageSection>
  );
}
