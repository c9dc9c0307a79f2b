import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";
import { StateBadge } from "@/components/state-badge";
import { kindLabel } from "@/lib/assets/kinds";
import { can } from "@/lib/assets/permissions";
import { ENVIRONMENTS, PROGRAMS, isEnvironment } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { listReviewQueue, reviewQueueFilter } from "@/lib/server/assets/list-review-queue";
import { listCustomerOrganizations } from "@/lib/server/organizations/list-customer-organizations";
import { pageUser } from "@/app/_lib/request";
import { DataTable, Row } from "@/components/data-table";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await pageUser();
  if (!can(actor.role, "asset:review")) forbidden();
  const raw = await searchParams;
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v));
  const parsed = reviewQueueFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : {};
  const db = getDb();
  const [rows, organizations] = await Promise.all([
    listReviewQueue({ db, actor, filter }),
    listCustomerOrganizations({ db, actor }),
  ]);
  const select = "rounded border border-slate-300 px-2 py-1.5";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <form className="flex flex-wrap gap-2 text-sm">
        <select name="program" defaultValue={filter.program ?? ""} aria-label="Program" className={select}>
          <option value="">All programs</option>
          {PROGRAMS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select name="environment" defaultValue={filter.environment ?? ""} aria-label="Environment" className={select}>
          <option value="">Both environments</option>
          {ENVIRONMENTS.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </select>
        <select
          name="organizationId"
          defaultValue={filter.organizationId ?? ""}
          aria-label="Organization"
          className={select}
        >
          <option value="">All organizations</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <select name="state" defaultValue={filter.state ?? ""} aria-label="State" className={select}>
          <option value="">Waiting for review</option>
          <option value="SUBMITTED">Submitted</option>
          <option value="IN_REVIEW">Needs a second approver</option>
          <option value="APPROVED">Approved CSRs to sign</option>
        </select>
        <select
          name="minAgeDays"
          defaultValue={filter.minAgeDays?.toString() ?? ""}
          aria-label="Age"
          className={select}
        >
          <option value="">Any age</option>
          <option value="1">≥ 1 day</option>
          <option value="3">≥ 3 days</option>
          <option value="7">≥ 7 days</option>
        </select>
        <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
      </form>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">Nothing waits for review.</p>
      ) : (
        <DataTable
          label="Review queue"
          columns={["Organization", "Identifier", "Env", "Asset", "State", "Uploaded", "Approvals", ""]}
        >
          {rows.map((r) => (
            <Row key={r.id} data-testid="queue-row" data-kind={r.kind}>
              <td className="p-2">{r.organization.name}</td>
              <td className="p-2 font-mono">
                {r.identifier} <span className="text-xs text-slate-600">{r.program}</span>
              </td>
              <td className="p-2">{isEnvironment(r.environment) && <EnvBadge env={r.environment} />}</td>
              <td className="p-2">
                {kindLabel(r.kind, "THALES")} v{r.seq}
              </td>
              <td className="p-2">
                <StateBadge state={r.state} />
              </td>
              <td className="p-2 text-xs">
                {r.uploadedBy}
                <br />
                {r.ageDays === 0 ? "today" : `${r.ageDays} day(s) ago`}
              </td>
              <td className="p-2 text-xs">{r.approvals.join(", ") || "—"}</td>
              <td className="p-2">
                <Link className="rounded bg-slate-900 px-2 py-1 text-xs text-white" href={`/versions/${r.id}`}>
                  Open
                </Link>
              </td>
            </Row>
          ))}
        </DataTable>
      )}
    </section>
  );
}
