import Link from "next/link";
import type { Metadata } from "next";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { listCampaigns } from "@/lib/server/campaigns/list-campaigns";
import { pageUser } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Rotation campaigns" };

export default async function CampaignsPage() {
  const actor = await pageUser();
  const campaigns = await orNotFound(listCampaigns({ db: getDb(), actor }));
  return (
    <PageSection title="Rotation campaigns" width="max-w-5xl">
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
      <DataTable
        label="Campaigns"
        collapse
        columns={["Started", "What", "Program · env", "Cut-over", "Acknowledged", "State"]}
        empty={campaigns.length === 0 && "No campaigns yet."}
      >
        {campaigns.map((c) => (
          <Row key={c.id} data-testid="campaign" data-id={c.id}>
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
          </Row>
        ))}
      </DataTable>
    </PageSection>
  );
}
