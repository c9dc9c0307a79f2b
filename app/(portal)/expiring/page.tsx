import type { Metadata } from "next";
import { ASSET_KINDS, KINDS } from "@/lib/assets/kinds";
import { ENVIRONMENTS } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { expiringFilter, listExpiring } from "@/lib/server/notifications/list-expiring";
import { pageUserWho, filledIn, type SearchParams } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { ConnectionLink, VersionLink } from "@/components/entity-links";
import { PageSection } from "@/components/page-section";
import { ListTotal, Pager, pageHref, pageNumber, pageSpan } from "@/components/pager";

export const metadata: Metadata = { title: "Expiring certificates" };

const control = "rounded border border-slate-300 px-2 py-1";
/** Versions a page (each with its certificates within the horizon): at 10,000 in force the view was 2.6 MB. */
const PAGE_SIZE = 100;

/** One criterion of the filter, its label above its control (this form, unlike the lists' FilterForm, shows them). */
function Criterion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col">
      {label}
      {children}
    </label>
  );
}

export default async function ExpiringPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("connection:read-any");
  const cleaned = await filledIn(searchParams);
  const parsed = expiringFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : expiringFilter.parse({});
  const page = pageNumber(cleaned.page);
  const offset = (page - 1) * PAGE_SIZE;
  const { rows, versions } = await listExpiring({ db: getDb(), actor, filter, limit: PAGE_SIZE, offset });
  // A page past the end (versions renewed since the link was made) still offers the way back.
  const { first, last, hasNext } = pageSpan(
    page,
    PAGE_SIZE,
    Math.max(0, Math.min(PAGE_SIZE, versions - offset)),
    versions,
  );
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <PageSection title="Expiring certificates">
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <Criterion label="Within (days)">
          <input
            name="days"
            type="number"
            min={1}
            max={3650}
            defaultValue={filter.days}
            className={`w-24 ${control}`}
          />
        </Criterion>
        <Criterion label="Organization">
          <input name="organization" defaultValue={filter.organization ?? ""} className={control} />
        </Criterion>
        <Criterion label="Environment">
          <select name="environment" defaultValue={filter.environment ?? ""} className={control}>
            <option value="">Both</option>
            {ENVIRONMENTS.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </Criterion>
        <Criterion label="Kind">
          <select name="kind" defaultValue={filter.kind ?? ""} className={control}>
            <option value="">Any</option>
            {ASSET_KINDS.map((k) => (
              <option key={k} value={k}>
                {KINDS[k].label}
              </option>
            ))}
          </select>
        </Criterion>
        <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
        <a href={`/expiring/export.csv?${query}`} className="ml-auto underline">
          Export CSV
        </a>
      </form>
      {!parsed.success && (
        <p role="alert" className="text-sm text-red-700">
          Invalid filter: showing the default (90 days).
        </p>
      )}
      {versions > 0 && (
        <ListTotal total={versions} first={first} last={last} testId="expiring-total">
          version(s) in force expire within {filter.days} days, soonest first, each with its certificates
        </ListTotal>
      )}
      <DataTable
        label="Expiring certificates"
        columns={["Expires", "Days", "Organization", "Connection", "Kind", "Certificate"]}
      >
        {rows.map((r) => (
          <Row
            key={`${r.versionId}:${r.sha256}`}
            data-testid="expiring-row"
            className={r.daysLeft < 0 ? "bg-red-50" : r.daysLeft <= 30 ? "bg-amber-50" : undefined}
          >
            <td className="p-2 text-xs">
              <DateTime at={r.notAfter} relative={false} />
            </td>
            <td className="p-2">{r.daysLeft < 0 ? "expired" : r.daysLeft}</td>
            <td className="p-2">{r.organization}</td>
            <td className="p-2">
              <ConnectionLink id={r.connectionId} identifier={r.identifier} environment={r.environment} />
            </td>
            <td className="p-2">
              <VersionLink id={r.versionId} label={r.kindLabel} seq={r.seq} />
            </td>
            <td className="p-2 text-xs">{r.subject}</td>
          </Row>
        ))}
      </DataTable>
      {versions === 0 && <p className="text-sm text-slate-600">Nothing in force expires within {filter.days} days.</p>}
      {(page > 1 || hasNext) && <Pager page={page} hasNext={hasNext} href={(n) => pageHref("/expiring", filter, n)} />}
    </PageSection>
  );
}
