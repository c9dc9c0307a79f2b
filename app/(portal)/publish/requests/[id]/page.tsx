import type { Metadata } from "next";
import { kindLabel } from "@/lib/assets/kinds";
import { PUBLICATION_STATE_LABELS } from "@/lib/assets/publication";
import { FindingsList } from "@/components/findings-list";
import { withTitles } from "@/lib/pki";
import { PublicationTargets } from "@/components/publication-targets";
import { getDb } from "@/lib/server/db/client";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";
import { pageUserWho } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { PublicationDecision } from "./decision-form";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Publication request" };

export default async function PublicationRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageUserWho("asset:publish");
  const { id } = await params;
  const request = await orNotFound(getPublicationRequest({ db: getDb(), actor, requestId: id }));
  return (
    <section className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">
        Publish the {kindLabel(request.kind, "THALES")} to {request.targets.length} {request.environment} connection(s)
      </h1>
      <p className="text-sm" data-testid="publication-state" data-state={request.state}>
        {PUBLICATION_STATE_LABELS[request.state]} · requested by {request.requestedBy} on{" "}
        <DateTime at={request.createdAt} />
        {request.decidedBy && <> · decided by {request.decidedBy}</>}
        {request.reason && <> · reason: {request.reason}</>}
      </p>
      {request.certificates.length > 0 && (
        <ul className="rounded border border-slate-200 bg-white p-3 text-sm">
          {request.certificates.map((c) => (
            <li key={c.sha256}>
              {c.subject} · serial <span className="font-mono">{c.serialNumber}</span> · SHA-256{" "}
              <span className="break-all font-mono text-xs">{c.sha256}</span>
            </li>
          ))}
        </ul>
      )}
      {request.host && (
        <p className="text-sm">
          Host{" "}
          <span className="font-mono">
            {request.host}
            {request.basePath}
          </span>
        </p>
      )}
      {request.findings.length > 0 && <FindingsList findings={withTitles(request.findings)} />}
      <PublicationTargets targets={request.targets} />
      {request.state === "PENDING" && (
        <PublicationDecision requestId={request.id} blockedBecause={request.approvalBlockedBecause} />
      )}
    </section>
  );
}
