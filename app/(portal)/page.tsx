import Link from "next/link";
import { ReadinessCard } from "@/components/readiness-card";
import { ENVIRONMENTS, PROGRAMS, isEnvironment, isProgram } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { listConnections, type ConnectionRow } from "@/lib/server/connections/list-connections";
import { pageUser } from "../_lib/request";

const PROGRAM_LABELS = { d1: "D1 issuer", "d1-ecom": "D1 eCom merchant gateway", tsh: "TSH tokenization" } as const;

function groupByIdentifier(rows: ConnectionRow[]) {
  const groups = new Map<string, ConnectionRow[]>();
  for (const row of rows) {
    const key = `${row.organization}|${row.program}|${row.identifier}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await pageUser();
  const params = await searchParams;
  const filter = {
    program: params.program && isProgram(params.program) ? params.program : undefined,
    environment: params.environment && isEnvironment(params.environment) ? params.environment : undefined,
  };
  const rows = await listConnections({ db: getDb(), actor, filter });
  const customer = actor.role === "CUSTOMER";
  const waitingOnMe = rows.reduce((n, r) => n + (customer ? r.readiness.waitingOnCustomer : r.readiness.waitingOnThales), 0);
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{customer ? "Readiness" : "Overview"}</h1>
          <p className="text-sm text-slate-600">
            {customer ? "What is exchanged and what is still missing before go-live, per identifier and environment." : "Every customer connection and what it waits for."}{" "}
            <strong data-testid="waiting-count">{waitingOnMe}</strong> item(s) waiting on {customer ? "you" : "Thales"}.
          </p>
        </div>
        {!customer && (
          <form className="ml-auto flex gap-2 text-sm">
            <select name="program" defaultValue={filter.program ?? ""} aria-label="Program" className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">All programs</option>
              {PROGRAMS.map((p) => <option key={p} value={p}>{PROGRAM_LABELS[p]}</option>)}
            </select>
            <select name="environment" defaultValue={filter.environment ?? ""} aria-label="Environment" className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">Both environments</option>
              {ENVIRONMENTS.map((e) => <option key={e} value={e}>{e}</option>)}
            </select>
            <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
          </form>
        )}
      </div>
      {rows.length === 0 && <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">No identifiers yet. Thales sets them up during onboarding; ask your Thales delivery contact.</p>}
      {groupByIdentifier(rows).map((group) => {
        const first = group[0]!;
        return (
          <div key={first.id} className="space-y-2" data-testid="identifier-group" data-identifier={first.identifier}>
            <h2 className="text-lg font-semibold">
              {!customer && <span className="text-slate-500">{first.organization} · </span>}
              {PROGRAM_LABELS[first.program]} <span className="font-mono">{first.identifier}</span>
            </h2>
            <div className="grid gap-4 md:grid-cols-2">
              {group.map((row) => (
                <ReadinessCard key={row.id} href={`/connections/${row.id}`} title={`${row.identifier} · ${row.environment}`} environment={row.environment} readiness={row.readiness} viewer={customer ? "customer" : "thales"} />
              ))}
            </div>
          </div>
        );
      })}
      {!customer && <p className="text-sm"><Link className="underline" href="/review">Open the review queue</Link></p>}
    </section>
  );
}
