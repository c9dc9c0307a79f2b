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
 * (`?org=`, linked from the card) shows them all, a page at a time (each carries its connections' forms).
 */
const IDENTIFIERS_SHOWN = 5;
const IDENTIFIERS_PER_PAGE = 20;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("organization:manage");
  const cleaned = await filledIn(searchParams);
  const parsed = organizationsFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : {};
  const page = pageNumber(cleaned.page);
  // One organization's view pages its identifiers; the list pages organizations.
  const own = filter.org !== undefined;
  const { items, total } = await listOrganizations({
    db: getDb(),
    actor,
    filter,
    limit: own ? 1 : PAGE_SIZE,
    offset: own ? 0 : (page - 1) * PAGE_SIZE,
    identifiersEach: own ? IDENTIFIERS_PER_PAGE : IDENTIFIERS_SHOWN,
    identifiersFrom: own ? (page - 1) * IDENTIFIERS_PER_PAGE : 0,
  });
  const org = own ? items[0] : undefined;
  const { first, last, hasNext } = org
    ? pageSpan(page, IDENTIFIERS_PER_PAGE, org.identifiers.length, org.identifierCount)
    : pageSpan(page, PAGE_SIZE, items.length, total);
  return (
    <PageSection title="Organizations and identifiers">
      <CreateOrganizationForm />
      <FilterForm>
        <FilterText name="q" label="Find organizations" value={filter.q} placeholder="Name contains" />
      </FilterForm>
      {own ? (
        <>
          <Link className="text-sm underline" href="/admin/organizations">
            ← All organizations
          </Link>
          {org && (
            <ListTotal total={org.identifierCount} first={first} last={last} testId="identifiers-total">
              identifier(s) of {org.name}, newest first
            </ListTotal>
          )}
        </>
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
      {items.map((card) => (
        <OrganizationCard key={card.id} org={card} own={own} />
      ))}
      {(page > 1 || hasNext) && (
        <Pager page={page} hasNext={hasNext} href={(n) => pageHref("/admin/organizations", filter, n)} />
      )}
    </PageSection>
  );
}
