"use client";
import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import { PublicationTargets } from "@/components/publication-targets";
import { PUBLICATION_OVERLAP_DAYS } from "@/lib/assets/rotation";
import { kindLabel } from "@/lib/assets/kinds";
import { previewPublishAction, publishAction, type PublishState } from "./actions";
import { DateTime } from "@/components/date-time";

export type PublishKind = { kind: string; label: string; programs: readonly string[]; host: boolean; overlap: boolean };
export type PublishTarget = {
  id: string;
  organization: string;
  identifier: string;
  program: string;
  environment: "PPR" | "PRD";
};

/**
 * Two steps: choose (no target is pre-ticked) and preview what each customer's trust store gains and loses, then
 * confirm. Production only creates a request that a second person approves (lib/assets/publication.ts).
 */
export function PublishForm({ kinds, targets }: { kinds: PublishKind[]; targets: PublishTarget[] }) {
  const [previewState, preview, previewing] = useActionState<PublishState, FormData>(previewPublishAction, {});
  const [previews, setPreviews] = useState(0);
  const [kind, setKind] = useState(kinds[0]!.kind);
  const [environment, setEnvironment] = useState<"PPR" | "PRD">("PPR");
  const info = kinds.find((k) => k.kind === kind)!;
  const matching = targets.filter((t) => t.environment === environment && info.programs.includes(t.program));
  const field = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";
  const shown = previewState.preview;
  return (
    <div className="space-y-4">
      {/* Submitted by hand so React does not reset the choices when the preview comes back. */}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setPreviews((n) => n + 1);
          startTransition(() => preview(data));
        }}
        className="space-y-4"
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-sm font-medium">
            What
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className={field}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Environment
            <select
              value={environment}
              onChange={(e) => setEnvironment(e.target.value as "PPR" | "PRD")}
              className={field}
            >
              <option value="PPR">PPR — PreProd</option>
              <option value="PRD">PRD — Production</option>
            </select>
          </label>
        </div>
        {environment === "PRD" && (
          <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Production: publishing creates a request. Nothing changes for customers until a second Thales person
            approves it.
          </p>
        )}
        <fieldset className="rounded border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-medium">
            To connections ({matching.length} of {environment}; tick each one on purpose)
          </legend>
          {matching.length === 0 && (
            <p className="text-sm text-slate-600">No connection of this environment uses this asset.</p>
          )}
          <div className="grid gap-1 sm:grid-cols-2">
            {matching.map((t) => (
              <label key={t.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="connectionIds" value={t.id} /> {t.organization} ·{" "}
                <span className="font-mono">{t.identifier}</span>{" "}
                <span className="text-xs text-slate-600">{t.program}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {info.host ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="text-sm font-medium">
              Host name
              <input name="host" className={`${field} font-mono`} placeholder="api.d1.thalescloud.io" />
            </label>
            <label className="text-sm font-medium">
              API base path
              <input name="basePath" className={`${field} font-mono`} placeholder="/v1" />
            </label>
          </div>
        ) : (
          <>
            <label className="block text-sm font-medium">
              File (PEM, DER or PKCS#7)
              <input type="file" name="file" className="mt-1 block text-sm" />
            </label>
            <label className="block text-sm font-medium">
              …or paste PEM
              <textarea
                name="pasted"
                rows={6}
                className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
              />
            </label>
          </>
        )}
        {info.overlap && (
          <fieldset className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="cut-over">
            <legend className="px-1 font-medium">Rotation with overlap</legend>
            <p className="text-slate-600">
              Each connection keeps the {info.label} it has in force, beside the new one, in its trust store until the
              cut-over; then the old one is retired.
            </p>
            <label className="mt-2 block">
              Cut-over (UTC){" "}
              <input
                type="datetime-local"
                name="cutOverAt"
                className="rounded border border-slate-300 px-2 py-1 font-mono"
                aria-describedby="publish-cut-over-default"
              />
            </label>
            <p id="publish-cut-over-default" className="text-xs text-slate-600">
              Empty: {PUBLICATION_OVERLAP_DAYS} days after it is published, or when the old one expires if sooner. A
              date from now on.
            </p>
          </fieldset>
        )}
        {!shown && previewState.message && <FormMessage ok={previewState.ok}>{previewState.message}</FormMessage>}
        {!shown && previewState.findings && previewState.findings.length > 0 && (
          <FindingsList findings={previewState.findings} />
        )}
        <button
          disabled={previewing || matching.length === 0}
          className="rounded border border-slate-900 bg-white px-4 py-2 text-sm font-medium disabled:opacity-60"
        >
          {previewing ? "Checking…" : "Preview changes"}
        </button>
      </form>

      {shown && <Confirmation key={previews} preview={shown} findings={previewState.findings ?? []} />}
    </div>
  );
}

/** The confirmation step, one per preview (a new preview starts a fresh one). */
function Confirmation({
  preview: shown,
  findings,
}: {
  preview: NonNullable<PublishState["preview"]>;
  findings: NonNullable<PublishState["findings"]>;
}) {
  const [state, publish, publishing] = useActionState<PublishState, FormData>(publishAction, {});
  return (
    <form
      action={publish}
      className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4"
      data-testid="publish-confirmation"
    >
      <h2 className="text-lg font-semibold">
        Confirm: the {kindLabel(shown.kind, "THALES")} to {shown.targets.length} {shown.environment} connection(s)
      </h2>
      {findings.length > 0 && <FindingsList findings={findings} />}
      <PublicationTargets targets={shown.targets} />
      {shown.cutOverAt && (
        <p className="text-sm" data-testid="confirm-cut-over">
          The CA in force now stays beside the new one until <DateTime at={`${shown.cutOverAt}:00Z`} />.
        </p>
      )}
      <input type="hidden" name="kind" value={shown.kind} />
      {shown.cutOverAt && <input type="hidden" name="cutOverAt" value={shown.cutOverAt} />}
      {shown.connectionIds.map((id) => (
        <input key={id} type="hidden" name="connectionIds" value={id} />
      ))}
      {shown.host !== undefined ? (
        <>
          <input type="hidden" name="host" value={shown.host} />
          <input type="hidden" name="basePath" value={shown.basePath ?? "/"} />
        </>
      ) : (
        <>
          <input type="hidden" name="pasted" value={shown.pasted ?? ""} />
          {shown.filename && <input type="hidden" name="filename" value={shown.filename} />}
        </>
      )}
      {state.message && (
        <FormMessage ok={state.ok}>
          {state.message}
          {state.requestId && (
            <>
              {" "}
              <Link className="underline" href={`/publish/requests/${state.requestId}`}>
                Open the request
              </Link>
            </>
          )}
        </FormMessage>
      )}
      {state.findings && state.findings.length > 0 && !state.ok && <FindingsList findings={state.findings} />}
      {!state.ok && shown.needsSecondPerson && (
        <button
          disabled={publishing}
          className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {publishing ? "Working…" : `Request approval for ${shown.targets.length} connection(s)`}
        </button>
      )}
      {/* Production only creates a request (above); PreProd changes customers' material at once: asked first. */}
      {!state.ok && !shown.needsSecondPerson && (
        <ConfirmDialog
          trigger={publishing ? "Working…" : `Publish to ${shown.targets.length} connection(s)`}
          triggerClassName="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
          title={`Publish the ${kindLabel(shown.kind, "THALES")} to ${shown.targets.length} ${shown.environment} connection(s)`}
          confirmLabel="Publish"
          confirmClassName="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          disabled={publishing}
          testId="confirm-publish"
        >
          <p>
            Each connection below gets a new version at once, superseding the one in force; its customer sees it as new
            until they acknowledge it. A published version is only replaced by publishing again.
          </p>
          <ul className="list-inside list-disc">
            {shown.targets.map((t) => (
              <li key={t.connectionId}>
                {t.organization} · <span className="font-mono">{t.identifier}</span> {t.environment}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </form>
  );
}
