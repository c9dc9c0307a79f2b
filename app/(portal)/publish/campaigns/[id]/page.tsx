import Link from "next/link";
import type { Metadata } from "next";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { getDb } from "@/lib/server/db/client";
import { getCampaignView } from "@/lib/server/campaigns/get-campaign";
import { pageUser } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { ConnectionLink } from "@/components/entity-links";

export const metadata: Metadata = { title: "Rotation campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageUser();
  const { id } = await params;
  const campaign = await orNotFound(getCampaignView({ db: getDb(), actor, campaignId: id }));
  const label = kindLabel(campaign.kind, "THALES");
  return (
    <section className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">
        Rotate the {label} on {campaign.connections.length} {campaign.program} {campaign.environment} connection(s)
      </h1>
      <p className="text-sm" data-testid="campaign-summary" data-state={campaign.state}>
        Cut-over{" "}
        <span data-testid="campaign-cut-over">
          <DateTime at={campaign.cutOverAt} />
        </span>{" "}
        · started by {campaign.createdBy} on <DateTime at={campaign.createdAt} /> ·{" "}
        <Link className="underline" href={`/publish/requests/${campaign.publicationRequestId}`}>
          {PUBLICATION_STATE_LABELS[campaign.state]}
        </Link>{" "}
        · acknowledged by {campaign.acknowledged} of {campaign.connections.length}
      </p>
      <DataTable
        label="Connections of this campaign"
        collapse
        columns={["Organization", "Identifier", "Acknowledged", "Reminders sent", "Latest endpoint check"]}
      >
        {campaign.connections.map((c) => (
          <Row
            key={c.connectionId}
            data-testid="campaign-connection"
            data-connection={c.connectionId}
            data-acknowledged={c.acknowledgedAt ? "true" : "false"}
          >
            <td className="p-2">{c.organization}</td>
            <td className="p-2">
              <ConnectionLink id={c.connectionId} identifier={c.identifier} mono />
            </td>
            <td className="p-2" data-testid="campaign-acknowledged">
              {c.acknowledgedAt ? (
                <>
                  Yes, <DateTime at={c.acknowledgedAt} />
                </>
              ) : c.versionId ? (
                "Not yet"
              ) : (
                "Not published yet"
              )}
            </td>
            <td className="p-2" data-testid="campaign-reminders">
              {c.reminders}
            </td>
            <td className="p-2" data-testid="campaign-endpoint-check">
              {c.endpointCheck ? (
                <>
                  {c.endpointCheck.verdict}, <DateTime at={c.endpointCheck.checkedAt} />
                </>
              ) : (
                "Never checked"
              )}
            </td>
          </Row>
        ))}
      </DataTable>
    </section>
  );
}
