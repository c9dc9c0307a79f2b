import Link from "next/link";
import { ReadinessCard } from "@/components/readiness-card";
import { PROGRAMS, isEnvironment, isProgram, programRules } from "@/lib/pki";
import { roleSide } from "@/lib/assets/permissions";
import { getDb } from "@/lib/server/db/client";
import { listConnections, type ConnectionRow } from "@/lib/server/connections/list-connections";
import { pageUser, filledIn, type SearchParams } from "@/app/_lib/request";
import { EnvironmentFilter, FilterSelect } from "@/components/filter-select";
import { Pager, pageHref, pageNumber } from "@/components/pager";

const PAGE_SIZE = 60;

function groupByIdentifier(rows: ConnectionRow[]) {
  const groups = new Map<string, ConnectionRow[]>();
  for (const row of rows) {
    const key = `${row.organization}|${row.program}|${row.identifier}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUser();
  const params = await filledIn(searchParams);
  const filter = {
    program: params.program && isProgram(params.program) ? params.program : undefined,
    environment: params.environment && isEnvironment(params.environment) ? params.environment : undefined,
  };
  const customer = roleSide(actor.role) === "CUSTOMER";
  // Thales sees every customer: a page at a time keeps the board fast with thousands of connections.
  const page = pageNumber(params.page);
  const rows = await listConnections({
    db: getDb(),
    actor,
    filter: customer ? filter : { ...filter, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  });
  const hasMore = !customer && rows.length > PAGE_SIZE;
  if (hasMore) rows.pop();
  const waitingOnMe = rows.reduce(
    (n, r) => n + (customer ? r.readiness.waitingOnCustomer : r.readiness.waitingOnThales),
    0,
  );
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{customer ? "Readiness" : "Overview"}</h1>
          <p className="text-sm text-slate-600">
            {customer
              ? "What is exchanged and what is still missing before go-live, per identifier and environment."
              : "Every customer connection and what it waits for."}{" "}
            <strong data-testid="waiting-count">{waitingOnMe}</strong> item(s) waiting on {customer ? "you" : "Thales"}
            {customer ? "" : " on this page"}.
          </p>
        </div>
        {!customer && (
          <form className="ml-auto flex flex-wrap gap-2 text-sm">
            <FilterSelect
              name="program"
              label="Program"
              value={filter.program}
              any="All programs"
              options={PROGRAMS.map((p) => ({ value: p, label: programRules(p).label }))}
            />
            <EnvironmentFilter value={filter.environment} />
            <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
          </form>
        )}
      </div>
      {rows.length === 0 && (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">
          No identifiers yet. Thales sets them up during onboarding; ask your Thales delivery contact.
        </p>
      )}
      {groupByIdentifier(rows).map((group) => {
        const first = group[0]!;
        return (
          <div key={first.id} className="space-y-2" data-testid="identifier-group" data-identifier={first.identifier}>
            <h2 className="text-lg font-semibold">
              {!customer && <span className="text-slate-600">{first.organization} · </span>}
              {programRules(first.program).label} <span className="font-mono">{first.identifier}</span>
            </h2>
            <div className="grid gap-4 md:grid-cols-2">
              {group.map((row) => (
                <ReadinessCard
                  key={row.id}
                  href={`/connections/${row.id}`}
                  title={`${row.identifier} · ${row.environment}`}
                  environment={row.environment}
                  readiness={row.readiness}
                  earliestExpiry={row.earliestExpiry}
                  crossChecks={row.crossChecks}
                  endpointCheck={row.endpointCheck}
                  rotationUntil={row.rotationUntil}
                  viewer={customer ? "customer" : "thales"}
                />
              ))}
            </div>
          </div>
        );
      })}
      {!customer && (
        <Pager page={page} hasNext={hasMore} href={(n) => pageHref("/", filter, n)}>
          <Link className="ml-auto underline" href="/review">
            Open the review queue
          </Link>
        </Pager>
      )}
    </section>
  );
}
