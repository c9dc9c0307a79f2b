import Link from "next/link";
import type { Metadata } from "next";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";
import { pageUserWho } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Publication requests" };

export default async function PublicationRequestsPage() {
  const actor = await pageUserWho("asset:publish");
  const [pending, all] = await Promise.all([
    listPublicationRequests({ db: getDb(), actor }),
    listPublicationRequests({ db: getDb(), actor, state: "ALL", take: 30 }),
  ]);
  const rows = [...pending, ...all.filter((r) => r.state !== "PENDING")];
  return (
    <PageSection title="Publication requests" width="max-w-5xl">
      <p className="text-sm text-slate-700">
        Production publications wait here until a second Thales person, not the requester and not an account the
        requester created, approves them. PreProd publications are in force at once and listed for the record.
      </p>
      <DataTable
        label="Publication requests"
        collapse
        columns={["Requested", "What", "Env", "Targets", "By", "State"]}
        empty={rows.length === 0 && "No publication requests yet."}
      >
        {rows.map((r) => (
          <Row key={r.id} data-testid="publication-request" data-state={r.state} data-id={r.id}>
            <td className="p-2">
              <Link className="underline" href={`/publish/requests/${r.id}`}>
                <DateTime at={r.createdAt} />
              </Link>
            </td>
            <td className="p-2">{kindLabel(r.kind, "THALES")}</td>
            <td className="p-2">{r.environment}</td>
            <td className="p-2">{r.targets}</td>
            <td className="p-2">{r.requestedBy}</td>
            <td className="p-2">
              {PUBLICATION_STATE_LABELS[r.state]}
              {r.decidedBy ? ` · ${r.decidedBy}` : ""}
            </td>
          </Row>
        ))}
      </DataTable>
    </PageSection>
  );
}
