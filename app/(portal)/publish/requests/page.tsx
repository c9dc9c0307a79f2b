import { forbidden } from "next/navigation";
import Link from "next/link";
import type { Metadata } from "next";
import { can } from "@/lib/assets/permissions";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";
import { pageUser } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";

export const metadata: Metadata = { title: "Publication requests" };

export default async function PublicationRequestsPage() {
  const actor = await pageUser();
  if (!can(actor.role, "asset:publish")) forbidden();
  const [pending, all] = await Promise.all([
    listPublicationRequests({ db: getDb(), actor }),
    listPublicationRequests({ db: getDb(), actor, state: "ALL", take: 30 }),
  ]);
  const rows = [...pending, ...all.filter((r) => r.state !== "PENDING")];
  return (
    <section className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">Publication requests</h1>
      <p className="text-sm text-slate-700">
        Production publications wait here until a second Thales person, not the requester and not an account the
        requester created, approves them. PreProd publications are in force at once and listed for the record.
      </p>
      <ScrollBox label="Publication requests">
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-2">Requested</th>
              <th className="p-2">What</th>
              <th className="p-2">Env</th>
              <th className="p-2">Targets</th>
              <th className="p-2">By</th>
              <th className="p-2">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-2 text-slate-600">
                  No publication requests yet.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr
                key={r.id}
                className="border-t border-slate-100"
                data-testid="publication-request"
                data-state={r.state}
                data-id={r.id}
              >
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
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
