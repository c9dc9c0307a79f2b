import type { Metadata } from "next";
import Link from "next/link";
import { StateBadge } from "@/components/state-badge";
import { isVersionState } from "@/lib/assets/lifecycle";
import { SEARCH_EXPORT_CAP, SEARCH_QUERY_MAX } from "@/lib/assets/search";
import { can } from "@/lib/assets/permissions";
import { getDb } from "@/lib/server/db/client";
import { searchQuery, searchVersions, type SearchPageView } from "@/lib/server/search/search-versions";
import { filledIn, pageUser, type SearchParams } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { ConnectionLink, VersionLink } from "@/components/entity-links";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUser();
  const raw = await filledIn(searchParams);
  const parsed = raw.q ? searchQuery.safeParse({ q: raw.q, page: raw.page || undefined }) : undefined;
  const result: SearchPageView | undefined = parsed?.success
    ? await searchVersions({ db: getDb(), actor, query: parsed.data })
    : undefined;
  const link = (page: number) => `/search?${new URLSearchParams({ q: result!.query, page: String(page) })}`;
  const everyone = can(actor.role, "connection:read-any");
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Search</h1>
        <p className="text-sm text-slate-600">
          By certificate serial (hex, with or without colons), SHA-256 fingerprint, subject (CN, O…) or identifier
          {everyone ? ", across every organization." : ", in your organization."}
        </p>
      </div>
      <form method="get" role="search" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex min-w-[16rem] flex-1 flex-col">
          Search for
          <input
            name="q"
            type="search"
            defaultValue={raw.q ?? ""}
            maxLength={SEARCH_QUERY_MAX}
            required
            className="rounded border border-slate-300 px-2 py-1.5 font-mono"
          />
        </label>
        <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Search</button>
        {result && result.items.length > 0 && (
          <a
            href={`/search/export.csv?${new URLSearchParams({ q: result.query })}`}
            className="underline"
            data-testid="search-export"
          >
            Export CSV (up to {SEARCH_EXPORT_CAP} rows)
          </a>
        )}
      </form>
      {parsed && !parsed.success && (
        <p role="alert" className="text-sm text-red-700" data-testid="search-invalid">
          {parsed.error.issues[0]?.message ?? "Invalid search."}
        </p>
      )}
      {result && (
        <DataTable
          label="Search results"
          columns={[
            everyone && "Organization",
            "Connection",
            "Version",
            "State",
            "Subject or host",
            "Serial",
            "SHA-256",
            "Expires",
          ]}
          footer={
            <>
              {result.items.length === 0 && (
                <p className="mt-2 text-sm text-slate-600" data-testid="search-empty">
                  Nothing found for “{result.query}”.
                </p>
              )}
              <nav className="mt-2 flex gap-3 text-sm" aria-label="Result pages">
                {result.page > 1 && (
                  <Link className="underline" href={link(result.page - 1)}>
                    Previous page
                  </Link>
                )}
                {result.hasMore && (
                  <Link className="underline" href={link(result.page + 1)}>
                    Next page
                  </Link>
                )}
              </nav>
            </>
          }
        >
          {result.items.map((hit) => (
            <Row key={hit.versionId} data-testid="search-hit" data-version={hit.versionId}>
              {everyone && <td className="p-2">{hit.organization}</td>}
              <td className="p-2 whitespace-nowrap">
                <ConnectionLink id={hit.connectionId} identifier={hit.identifier} environment={hit.environment} />
              </td>
              <td className="p-2">
                <VersionLink id={hit.versionId} label={hit.kindLabel} seq={hit.seq} />
              </td>
              <td className="p-2">{isVersionState(hit.state) ? <StateBadge state={hit.state} /> : hit.state}</td>
              <td className="max-w-[20rem] break-words p-2 text-xs">{hit.subject ?? hit.host ?? "—"}</td>
              <td className="p-2 font-mono text-xs break-all">{hit.serial ?? "—"}</td>
              <td className="p-2 font-mono text-xs break-all" title={hit.sha256}>
                {hit.sha256.slice(0, 16)}…
              </td>
              <td className="p-2 font-mono text-xs whitespace-nowrap">
                {hit.notAfter ? <DateTime at={hit.notAfter} relative={false} /> : "—"}
              </td>
            </Row>
          ))}
        </DataTable>
      )}
    </section>
  );
}
