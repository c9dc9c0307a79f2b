import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/server/db/client";
import { listOrganizations, organizationsFilter } from "@/lib/server/organizations/list-organizations";
import { filledIn, pageUserWho, type SearchParams } from "@/app/_lib/request";
import { FilterForm, FilterText } from "@/components/filter-select";
import { ListTotal, Pager, pageHref, pageNumber, pageSpan } from "@/components/pager";
import { PageSection } from "@/components/page-section";
import { CreateOrganizationForm } from "./forms";
import { OrganizationCard } from "./organization-card";

export const metadata: Metadata = { title: "Organizations" };

/** Organizations per page: with a few dozen banks, one page stays quick to render and to scan. */
const PAGE_SIZE = 25;
/**
 * Identifiers a card of the list shows (the newest, so one just added is in view); the organization's own view
 * (`?org=`, linked from the card) shows them all.
 */
const IDENTIFIERS_SHOWN = 5;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("organization:manage");
  const cleaned = await filledIn(searchParams);
  const parsed = organizationsFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : {};
  const page = pageNumber(cleaned.page);
  const { items, total } = await listOrganizations({
    db: getDb(),
    actor,
    filter,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    identifiersEach: filter.org ? undefined : IDENTIFIERS_SHOWN,
  });
  const { first, last, hasNext } = pageSpan(page, PAGE_SIZE, items.length, total);
  return (
    <PageSection title="Organizations and identifiers">
      <CreateOrganizationForm />
      <FilterForm>
        <FilterText name="q" label="Find organizations" value={filter.q} placeholder="Name contains" />
      </FilterForm>
      {filter.org ? (
        <Link className="text-sm underline" href="/admin/organizations">
          ← All organizations
        </Link>
      ) : (
        <ListTotal total={total} first={first} last={last} testId="organizations-total">
          {filter.q ? `organization(s) whose name contains “${filter.q}”, by name` : "organization(s), by name"}
        </ListTotal>
      )}
      {items.length === 0 && (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">
          {total === 0 ? "No organization matches." : "No organizations on this page."}
        </p>
      )}
      {items.map((org) => (
        <OrganizationCard key={org.id} org={org} />
      ))}
      {(page > 1 || hasNext) && (
        <Pager page={page} hasNext={hasNext} href={(n) => pageHref("/admin/organizations", filter, n)} />
      )}
    </PageSection>
  );
}
