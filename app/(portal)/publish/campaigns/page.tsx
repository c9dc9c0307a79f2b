import Link from "next/link";
import type { Metadata } from "next";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { listCampaigns } from "@/lib/server/campaigns/list-campaigns";
import { pageUser } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";

export const metadata: Metadata = { title: "Rotation campaigns" };

export default async function CampaignsPage() {
  const actor = await pageUser();
  const campaigns = await orNotFound(listCampaigns({ db: getDb(), actor }));
  return (
    <section className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">Rotation campaigns</h1>
      <p className="text-sm text-slate-700">
        A campaign publishes a new Thales CA or chain to every connection of a program and environment (or a chosen set)
        with one cut-over: each customer&apos;s trust store holds old and new until then. Customers who have not
        acknowledged it are reminded 14, 7 and 1 day(s) before. Start one here or with{" "}
        <span className="font-mono">POST /api/v1/campaigns</span>.
      </p>
      <p>
        <Link
          className="inline-block rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          href="/publish/campaigns/new"
        >
          New campaign
        </Link>
      </p>
      <ScrollBox label="Campaigns">
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-2">Started</th>
              <th className="p-2">What</th>
              <th className="p-2">Program · env</th>
              <th className="p-2">Cut-over</th>
              <th className="p-2">Acknowledged</th>
              <th className="p-2">State</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.length === 0 && (
              <tr>
                <td colSpan={6} className="p-2 text-slate-600">
                  No campaigns yet.
                </td>
              </tr>
            )}
            {campaigns.map((c) => (
              <tr key={c.id} className="border-t border-slate-100" data-testid="campaign" data-id={c.id}>
                <td className="p-2">
                  <Link className="underline" href={`/publish/campaigns/${c.id}`}>
                    <DateTime at={c.createdAt} />
                  </Link>
                </td>
                <td className="p-2">{kindLabel(c.kind, "THALES")}</td>
                <td className="p-2">
                  {c.program} · {c.environment}
                </td>
                <td className="p-2">
                  <DateTime at={c.cutOverAt} />
                </td>
                <td className="p-2">
                  {c.acknowledged} of {c.connections}
                </td>
                <td className="p-2">{PUBLICATION_STATE_LABELS[c.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
