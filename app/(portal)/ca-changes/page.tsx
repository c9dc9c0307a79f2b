import type { Metadata } from "next";
import { CA_CHANGE_STATUS_LABELS } from "@/lib/assets/ca-change";
import { KINDS } from "@/lib/assets/kinds";
import { STATE_LABELS } from "@/lib/assets/lifecycle";
import { FormMessage } from "@/components/form-message";
import { getDb } from "@/lib/server/db/client";
import { listCaChanges } from "@/lib/server/ca-changes/list-ca-changes";
import { pageUser, filledIn, type SearchParams } from "@/app/_lib/request";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";
import { ConnectionLink, VersionLink } from "@/components/entity-links";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "CA changes" };

/** Upcoming server CA changes: every customer's for Thales, a customer's own (the service scopes the list). */
export default async function CaChangesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUser();
  const { announced } = await filledIn(searchParams);
  const changes = await listCaChanges({ db: getDb(), actor });
  return (
    <PageSection title="Server CA changes">
      {announced && (
        <FormMessage ok testId="flash">
          CA change announced. Thales reviews the new chain; both sides are notified.
        </FormMessage>
      )}
      <p className="text-sm text-slate-600">
        Changes customers announced for their endpoints, soonest first. Once approved, the Thales backend trust store
        holds the old and the new CAs until the grace period ends; then only the new ones.
      </p>
      {changes.length === 0 ? (
        <p className="text-slate-600" data-testid="no-ca-changes">
          No CA change ahead.
        </p>
      ) : (
        <ScrollBox label="CA changes">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th className="p-2">Organization</th>
                <th className="p-2">Identifier</th>
                <th className="p-2">Change date</th>
                <th className="p-2">Old CAs trusted until</th>
                <th className="p-2">Status</th>
                <th className="p-2">New versions</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr
                  key={change.id}
                  className="border-b border-slate-100"
                  data-testid="ca-change"
                  data-identifier={change.identifier}
                  data-status={change.status}
                >
                  <td className="p-2">{change.organization.name}</td>
                  <td className="p-2">
                    <ConnectionLink
                      id={change.connectionId}
                      identifier={change.identifier}
                      environment={change.environment}
                      mono
                    />
                  </td>
                  <td className="p-2 font-mono" data-testid="change-at">
                    <DateTime at={change.changeAt} />
                  </td>
                  <td className="p-2 font-mono" data-testid="retire-at">
                    <DateTime at={change.retireAt} />
                  </td>
                  <td className="p-2" data-testid="status">
                    {CA_CHANGE_STATUS_LABELS[change.status]}
                  </td>
                  <td className="p-2">
                    <ul>
                      {change.versions.map((v) => (
                        <li key={v.id}>
                          <VersionLink id={v.id} label={KINDS[v.kind].label} seq={v.seq} testId="ca-change-version" />{" "}
                          <span className="text-slate-600">({STATE_LABELS[v.state]})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </PageSection>
  );
}
