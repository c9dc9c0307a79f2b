import type { Metadata } from "next";
import { EnvBadge } from "@/components/env-badge";
import { CA_CHANGE_KINDS, caChangeKindRequired, earliestChangeAt } from "@/lib/assets/ca-change";
import { KINDS } from "@/lib/assets/kinds";
import { getDb } from "@/lib/server/db/client";
import { loadConnection } from "@/lib/server/connections/load-connection";
import { caChangeConfig } from "@/lib/server/ca-changes/ca-change-config";
import { pageUserWho } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { CaChangeForm } from "./ca-change-form";
import { BackToConnection } from "@/components/entity-links";

export const metadata: Metadata = { title: "Announce a CA change" };

export default async function CaChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageUserWho("asset:upload");
  const connection = await orNotFound(loadConnection(getDb(), actor, id));
  const { noticeDays, graceDays } = caChangeConfig();
  const kinds = CA_CHANGE_KINDS.filter((kind) => KINDS[kind].programs.includes(connection.program)).map((kind) => ({
    kind,
    label: KINDS[kind].label,
    required: caChangeKindRequired(kind),
  }));
  return (
    <section className="max-w-3xl space-y-4">
      <BackToConnection connection={connection} />
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        Announce a server CA change <EnvBadge env={connection.environment} />
      </h1>
      <p className="text-slate-700">
        Your endpoint will serve a certificate chain from another CA. Announce it at least {noticeDays} days ahead with
        the new chain: Thales reviews it like any upload. Once approved, the Thales backend trusts the old and the new
        CAs until {graceDays} days after the change date; then only the new ones.
      </p>
      <CaChangeForm
        connectionId={connection.id}
        earliest={earliestChangeAt(new Date(), noticeDays).toISOString().slice(0, 10)}
        kinds={kinds}
      />
    </section>
  );
}
