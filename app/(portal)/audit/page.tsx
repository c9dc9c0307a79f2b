import type { Metadata } from "next";
import { getDb } from "@/lib/server/db/client";
import { auditFilter, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { pageUserWho } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import Link from "next/link";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await pageUserWho("audit:read");
  const raw = await searchParams;
  const parsed = auditFilter.safeParse({ action: raw.action || undefined, actor: raw.actor || undefined });
  const filter = parsed.success ? parsed.data : auditFilter.parse({});
  const events = await listAuditEvents({ db: getDb(), actor, filter });
  return (
    <PageSection title="Audit log">
      <form className="flex flex-wrap gap-2 text-sm">
        <input
          name="action"
          defaultValue={filter.action}
          placeholder="Action starts with (e.g. auth.)"
          className="rounded border border-slate-300 px-2 py-1.5"
        />
        <input
          name="actor"
          defaultValue={filter.actor}
          placeholder="Actor e-mail contains"
          className="rounded border border-slate-300 px-2 py-1.5"
        />
        <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
        <a
          className="rounded border border-slate-300 bg-white px-3 py-1.5"
          data-testid="audit-csv"
          href={`/audit/export.csv?${new URLSearchParams(Object.entries({ action: filter.action ?? "", actor: filter.actor ?? "" }).filter(([, v]) => v)).toString()}`}
        >
          Export CSV
        </a>
      </form>
      <DataTable label="Audit log" columns={["Time", "Action", "Actor", "Target", "Details", "Origin"]}>
        {events.map((event) => (
          <Row key={event.id} className="align-top" data-testid="audit-event" data-action={event.action}>
            <td className="whitespace-nowrap p-2 font-mono">
              <DateTime at={event.createdAt} />
            </td>
            <td className="p-2 font-mono">{event.action}</td>
            <td className="p-2">{event.actorEmail ?? "—"}</td>
            <td className="p-2 text-xs" data-testid="audit-target" data-target-type={event.targetType ?? ""}>
              {!event.target ? (
                "—"
              ) : event.target.href ? (
                <Link className="underline" href={event.target.href}>
                  {event.target.label}
                </Link>
              ) : (
                event.target.label
              )}
            </td>
            <td className="max-w-md break-all p-2 font-mono text-xs">{event.details ?? ""}</td>
            <td className="p-2 text-xs">{event.ip ?? ""}</td>
          </Row>
        ))}
      </DataTable>
    </PageSection>
  );
}
