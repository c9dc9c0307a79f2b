import type { Metadata } from "next";
import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";
import { StateBadge } from "@/components/state-badge";
import { kindLabel } from "@/lib/assets/kinds";
import { PROGRAMS, isEnvironment } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { listReviewQueue, reviewQueueFilter } from "@/lib/server/assets/list-review-queue";
import { listCustomerOrganizations } from "@/lib/server/organizations/list-customer-organizations";
import { pageUserWho, filledIn, type SearchParams } from "@/app/_lib/request";
import { DataTable, Row } from "@/components/data-table";
import { EnvironmentFilter, FilterSelect, OrganizationFilter } from "@/components/filter-select";
import { ListTotal, Pager, pageHref, pageNumber, pageSpan } from "@/components/pager";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Review queue" };

/** Rows per page: with thousands waiting, one page stays quick to render and to read. */
const PAGE_SIZE = 100;

const STATES = [
  { value: "SUBMITTED", label: "Submitted" },
  { value: "IN_REVIEW", label: "Needs a second approver" },
  { value: "APPROVED", label: "Approved CSRs to sign" },
];

const AGES = [
  { value: "1", label: "≥ 1 day" },
  { value: "3", label: "≥ 3 days" },
  { value: "7", label: "≥ 7 days" },
];

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("asset:review");
  const cleaned = await filledIn(searchParams);
  const parsed = reviewQueueFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : {};
  const db = getDb();
  const page = pageNumber(cleaned.page);
  const [{ items: rows, total }, organizations] = await Promise.all([
    listReviewQueue({ db, actor, filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listCustomerOrganizations({ db, actor }),
  ]);
  // A page past the end (the queue shrank since the link was made) still offers the way back.
  const { first, last, hasNext } = pageSpan(page, PAGE_SIZE, rows.length, total);
  return (
    <PageSection title="Review queue">
      <form className="flex flex-wrap gap-2 text-sm">
        <FilterSelect name="program" label="Program" value={filter.program} any="All programs" options={PROGRAMS} />
        <EnvironmentFilter value={filter.environment} />
        <OrganizationFilter value={filter.organizationId} organizations={organizations} />
        <FilterSelect name="state" label="State" value={filter.state} any="Waiting for review" options={STATES} />
        <FilterSelect
          name="minAgeDays"
          label="Age"
          value={filter.minAgeDays?.toString()}
          any="Any age"
          options={AGES}
        />
        <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
      </form>
      {total > 0 && (
        <ListTotal total={total} first={first} last={last} testId="queue-total">
          waiting, oldest first
        </ListTotal>
      )}
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">
          {total === 0 ? "Nothing waits for review." : "No rows on this page."}
        </p>
      ) : (
        <DataTable
          label="Review queue"
          columns={["Organization", "Identifier", "Env", "Asset", "State", "Uploaded", "Approvals", ""]}
        >
          {rows.map((r) => (
            <Row key={r.id} data-testid="queue-row" data-kind={r.kind}>
              <td className="p-2">{r.organization.name}</td>
              <td className="p-2 font-mono">
                {r.identifier} <span className="text-xs text-slate-600">{r.program}</span>
              </td>
              <td className="p-2">{isEnvironment(r.environment) && <EnvBadge env={r.environment} />}</td>
              <td className="p-2">
                {kindLabel(r.kind, "THALES")} v{r.seq}
              </td>
              <td className="p-2">
                <StateBadge state={r.state} />
              </td>
              <td className="p-2 text-xs">
                {r.uploadedBy}
                <br />
                {r.ageDays === 0 ? "today" : `${r.ageDays} day(s) ago`}
              </td>
              <td className="p-2 text-xs">{r.approvals.join(", ") || "—"}</td>
              <td className="p-2">
                <Link className="rounded bg-slate-900 px-2 py-1 text-xs text-white" href={`/versions/${r.id}`}>
                  Open
                </Link>
              </td>
            </Row>
          ))}
        </DataTable>
      )}
      {(page > 1 || hasNext) && <Pager page={page} hasNext={hasNext} href={(n) => pageHref("/review", filter, n)} />}
    </PageSection>
  );
}
