import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnvBadge } from "@/components/env-badge";
import { ExpectedSubject } from "@/components/expected-subject";
import { KINDS, isAssetKind, isClientCredential, isCustomerKind, pastePlaceholder } from "@/lib/assets/kinds";
import { findingHeading } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { loadConnection } from "@/lib/server/connections/load-connection";
import { getUploadSlot } from "@/lib/server/assets/get-upload-slot";
import { pageUserWho } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { UploadForm } from "./upload-form";
import { BackToConnection, VersionLink } from "@/components/entity-links";

export const metadata: Metadata = { title: "Upload" };

export default async function UploadPage({ params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  const actor = await pageUserWho("asset:upload");
  const connection = await orNotFound(loadConnection(getDb(), actor, id));
  if (!isAssetKind(kind) || !isCustomerKind(kind) || !KINDS[kind].programs.includes(connection.program)) notFound();
  const info = KINDS[kind];
  const slot = await getUploadSlot({ db: getDb(), actor, connectionId: connection.id, kind });
  return (
    <section className="max-w-5xl space-y-4">
      <BackToConnection connection={connection} />
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        Upload: {info.label} <EnvBadge env={connection.environment} />
      </h1>
      <p className="text-slate-700">
        {info.description} For <span className="font-mono">{connection.identifier}</span> ({connection.program}),{" "}
        {connection.environment === "PRD" ? "Production" : "PreProd"} only.
      </p>
      {isClientCredential(info) && (
        <ExpectedSubject
          program={connection.program}
          identifier={connection.identifier}
          environment={connection.environment}
          expectedCn={connection.expectedCn}
        />
      )}
      {slot.pending && (
        <p
          className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="replaces-pending"
        >
          Submitting replaces <VersionLink id={slot.pending.id} seq={slot.pending.seq} />,{" "}
          {slot.pending.label.toLowerCase()}: it is withdrawn, and any approval it already has stays in its history.
        </p>
      )}
      <UploadForm
        connectionId={connection.id}
        kind={kind}
        host={info.content === "host"}
        placeholder={pastePlaceholder(kind)}
        tooLargeHeading={findingHeading("INPUT_TOO_LARGE")}
        renews={
          slot.renews
            ? {
                label: `${slot.renews.label} v${slot.renews.seq}`,
                notAfter: slot.renews.notAfter?.toISOString() ?? null,
                now: new Date().toISOString(),
              }
            : undefined
        }
      />
    </section>
  );
}
