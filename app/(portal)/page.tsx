import { EnvBadge } from "@/components/env-badge";
import { ROLE_LABELS } from "@/lib/assets/permissions";
import { pageUser } from "../_lib/request";

export default async function OverviewPage() {
  const actor = await pageUser();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="text-slate-700">
        Signed in as {ROLE_LABELS[actor.role]} of {actor.organizationName}. Mutual-TLS material is exchanged per identifier
        and environment: <EnvBadge env="PPR" /> and <EnvBadge env="PRD" /> never mix.
      </p>
    </section>
  );
}
