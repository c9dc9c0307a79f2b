import { visible, withTitles } from "@/lib/pki";
import type { Metadata } from "next";
import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";
import { StateBadge } from "@/components/state-badge";
import { DownloadLinks } from "@/components/download-links";
import { ExpectedSubject } from "@/components/expected-subject";
import { ReadinessCard } from "@/components/readiness-card";
import { InstallRecipes } from "@/components/install-recipes";
import { TrustStoreDownloads } from "@/components/trust-store-downloads";
import { can, roleSide } from "@/lib/assets/permissions";
import { isAssetKind, kindDescription, kindLabel } from "@/lib/assets/kinds";
import { parseSeq } from "@/lib/assets/lifecycle";
import { getDb } from "@/lib/server/db/client";
import { CONNECTION_VERSIONS_SHOWN, getConnection } from "@/lib/server/connections/get-connection";
import { pageUser } from "@/app/_lib/request";
import { orNotFound } from "@/app/_lib/not-found";
import { AcknowledgeButton } from "./acknowledge-button";
import { ProbeButton } from "./probe-button";
import { EndpointCheck } from "@/components/endpoint-check";
import { listEndpointProbes } from "@/lib/server/probes/list-endpoint-probes";
import { FindingsList } from "@/components/findings-list";
import { BackendView } from "@/components/backend-view";
import { getBackendView } from "@/lib/server/connections/get-backend-view";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";
import { VersionLink } from "@/components/entity-links";
import { Row } from "@/components/data-table";

export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await pageUser();
  const page = historyPage(await searchParams);
  const connection = await orNotFound(getConnection({ db: getDb(), actor, connectionId: id, page }));
  const customer = roleSide(actor.role) === "CUSTOMER";
  const now = new Date();
  const probes = await listEndpointProbes({ db: getDb(), actor, connectionId: connection.id, limit: 10 });
  // Judged on every read from the versions in play (listConnections), so it follows whichever side changes.
  const crossChecks = connection.crossChecks;
  const backend = can(actor.role, "connection:read-any")
    ? await getBackendView({ db: getDb(), actor, connectionId: connection.id })
    : undefined;
  return (
    <section className="space-y-5">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{connection.identifier}</span>
        </h1>
        <EnvBadge env={connection.environment} />
        <span className="text-slate-600">
          {connection.organization} · {connection.program}
        </span>
        <div className="ml-auto flex gap-2 text-sm">
          <a
            href={`/connections/${connection.id}/trust-store.pem`}
            className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100"
            data-testid="trust-store-link"
          >
            {customer ? "Download trust store (PEM)" : "Export customer trust store for the backend (PEM)"}
          </a>
          {customer && can(actor.role, "asset:upload") && (
            <Link
              href={`/connections/${connection.id}/ca-change`}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100"
              data-testid="ca-change-link"
            >
              Announce a CA change
            </Link>
          )}
        </div>
      </header>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-3">
          {connection.assets.map(({ info, versions, notable, total, olderThan }) => {
            const all = [...versions, ...notable];
            const current = all.find((v) => v.current);
            const latest = all.reduce<(typeof all)[number] | undefined>(
              (a, v) => (a && a.seq > v.seq ? a : v),
              undefined,
            );
            const paged = page?.kind === info.kind;
            const mayUpload = customer && info.direction === "CUSTOMER_TO_THALES" && can(actor.role, "asset:upload");
            return (
              <article
                key={info.kind}
                className="rounded-lg border border-slate-200 bg-white p-4"
                data-testid="asset-slot"
                data-kind={info.kind}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="font-semibold">{kindLabel(info.kind, roleSide(actor.role))}</h2>
                  <code className="text-xs text-slate-600">{info.kind}</code>
                  <span className="text-xs text-slate-600">
                    {info.direction === "CUSTOMER_TO_THALES" ? "customer → Thales" : "Thales → customer"}
                  </span>
                  <div className="ml-auto flex gap-2">
                    {mayUpload && (
                      <Link
                        href={`/connections/${connection.id}/upload/${info.kind}`}
                        className="rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white"
                        data-testid="upload-link"
                      >
                        {latest ? "Upload a new version" : "Upload"}
                      </Link>
                    )}
                    {can(actor.role, "asset:acknowledge") && current?.state === "PUBLISHED" && (
                      <AcknowledgeButton versionId={current.id} connectionId={connection.id} />
                    )}
                  </div>
                </div>
                <p className="text-sm text-slate-600">{kindDescription(info.kind, roleSide(actor.role))}</p>
                {versions.length === 0 ? (
                  <p className="mt-2 text-sm text-slate-600">{total > 0 ? "No older versions." : "Nothing yet."}</p>
                ) : (
                  <ScrollBox label="Versions">
                    <table className="mt-2 w-full text-sm">
                      <thead className="text-left text-xs text-slate-600">
                        <tr>
                          <th className="py-1">Version</th>
                          <th>State</th>
                          <th>When</th>
                          <th>By</th>
                          <th>Content</th>
                          <th>Download</th>
                        </tr>
                      </thead>
                      <tbody>
                        {versions.map((v) => (
                          <Row key={v.id} data-testid="version-row" data-version={v.seq}>
                            <td className="py-1">
                              <VersionLink id={v.id} seq={v.seq} />
                              {v.current && <span className="ml-1 text-xs text-green-800">in force</span>}
                              {v.state === "RETIRING" && v.retireAt && (
                                <span className="ml-1 text-xs text-amber-800" data-testid="retires">
                                  in force until <DateTime at={v.retireAt} now={now} />
                                </span>
                              )}
                            </td>
                            <td>
                              <StateBadge state={v.state} />
                            </td>
                            <td className="whitespace-nowrap text-xs">
                              <DateTime at={v.createdAt} now={now} />
                            </td>
                            <td className="text-xs">{v.uploadedBy}</td>
                            <td className="max-w-[14rem] truncate font-mono text-xs" data-testid="version-content">
                              {v.host
                                ? `${v.host}${v.port && v.port !== 443 ? `:${v.port}` : ""}${v.basePath ?? ""}`
                                : v.certificate
                                  ? `${v.certificate.cn ?? "(no CN)"} · serial ${v.certificate.serial}`
                                  : v.originalFilename !== null
                                    ? visible(v.originalFilename)
                                    : v.sha256.slice(0, 16)}
                            </td>
                            <td>
                              <DownloadLinks versionId={v.id} info={info} state={v.state} />
                            </td>
                          </Row>
                        ))}
                      </tbody>
                    </table>
                  </ScrollBox>
                )}
                {total > 0 && (olderThan !== null || paged) && (
                  <nav aria-label="Version history" className="mt-2 flex gap-4 text-sm" data-testid="version-pager">
                    <span className="text-slate-600">
                      {total} versions in all
                      {paged ? "" : `, the newest ${CONNECTION_VERSIONS_SHOWN} and those in force shown`}
                    </span>
                    {paged && (
                      <Link className="underline" href={`/connections/${connection.id}`}>
                        ← Newest
                      </Link>
                    )}
                    {olderThan !== null && (
                      <Link
                        className="underline"
                        href={`/connections/${connection.id}?history=${info.kind}&before=${olderThan}`}
                        data-testid="older-versions"
                      >
                        Older →
                      </Link>
                    )}
                  </nav>
                )}
                {current &&
                  info.content !== "host" &&
                  (customer ? info.direction === "THALES_TO_CUSTOMER" : info.direction === "CUSTOMER_TO_THALES") && (
                    <InstallRecipes
                      download={info.kind}
                      stem={`${info.fileStem}-${connection.identifier}-${connection.environment}-v${current.seq}`}
                    />
                  )}
                {all
                  .filter((v) => v.state === "REVOCATION_REQUESTED")
                  .map((v) => (
                    <p
                      key={v.id}
                      className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-950"
                      data-testid="revocation-pending"
                    >
                      Revocation of <VersionLink id={v.id} seq={v.seq} /> requested: Thales confirms or declines; it
                      stays in force until then.
                    </p>
                  ))}
                {latest?.state === "REJECTED" && latest.rejectionReason && (
                  <p className="mt-2 rounded bg-red-50 p-2 text-sm text-red-900" data-testid="rejection-reason">
                    Rejected: {latest.rejectionReason}
                  </p>
                )}
              </article>
            );
          })}
        </div>
        <aside className="space-y-4">
          <ReadinessCard
            href={`/connections/${connection.id}`}
            title="Go-live checklist"
            environment={connection.environment}
            readiness={connection.readiness}
            earliestExpiry={connection.earliestExpiry}
            rotationUntil={connection.rotationUntil}
            viewer={customer ? "customer" : "thales"}
          />
          {crossChecks.length > 0 && (
            <div className="rounded-lg border border-amber-200 bg-white p-4 text-sm" data-testid="cross-checks">
              <h2 className="mb-2 font-semibold">Server chain, trust store and host together</h2>
              <FindingsList findings={withTitles(crossChecks)} />
            </div>
          )}
          <EndpointCheck
            probes={probes}
            action={can(actor.role, "connection:probe") ? <ProbeButton connectionId={connection.id} /> : undefined}
          />
          {backend && <BackendView entries={backend} program={connection.program} />}
          <TrustStoreDownloads
            connectionId={connection.id}
            audience={customer ? "customer" : "thales-backend"}
            stem={`trust-store-${connection.identifier}-${connection.environment}${customer ? "" : "-backend"}`}
          />
          <ExpectedSubject
            program={connection.program}
            identifier={connection.identifier}
            environment={connection.environment}
            expectedCn={connection.expectedCn}
          />
        </aside>
      </div>
    </section>
  );
}

/** `?history=<kind>&before=<seq>`: one asset's older versions; anything else shows the newest of every asset. */
function historyPage(query: Record<string, string | string[] | undefined>) {
  const { history: kind, before } = query;
  const olderThan = typeof before === "string" ? parseSeq(before) : undefined;
  if (typeof kind !== "string" || !isAssetKind(kind) || olderThan === undefined) return undefined;
  return { kind, olderThan };
}
