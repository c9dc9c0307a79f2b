"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { TitledFinding } from "@/lib/pki";
import type { TargetPreview } from "@/lib/server/publications/target-changes";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DateTime } from "@/components/date-time";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import { PublicationTargets } from "@/components/publication-targets";

/** What a publishing action returns: a message, the findings, and the request (and campaign) it created. */
export type PublicationActionState = {
  ok?: boolean;
  message?: string;
  findings?: TitledFinding[];
  requestId?: string;
  campaignId?: string;
};

const primary = "rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60";

/** What a form says in its confirmation step; the preview and its findings come from the preview step. */
export type ConfirmationText = {
  action: (previous: PublicationActionState, form: FormData) => Promise<PublicationActionState>;
  heading: string;
  /** The PreProd dialog's title: the action and its object. */
  dialogTitle: string;
  /** What the confirmation re-sends, field by field (a list: one input per value; undefined: none). */
  hidden: Record<string, string | readonly string[] | undefined>;
  /** The PreProd button that opens the dialog ("Publish to 2 connection(s)") and the dialog's own ("Publish"). */
  trigger: string;
  verb: string;
  /** What the PreProd dialog says will happen. */
  consequence: string;
  testId: string;
};

/** What the confirmation shows of a preview. */
export type ConfirmedPreview = {
  environment: string;
  needsSecondPerson: boolean;
  targets: TargetPreview[];
  /** The cut-over the preview used (ISO or the form's UTC yyyy-mm-ddThh:mm), if any. */
  cutOverAt?: string;
};

/**
 * The confirmation step after a publication preview (the publish page, a new campaign): what each target gets,
 * the content re-sent in hidden fields, then Production asks for a second person (a request, nothing changes yet)
 * and PreProd changes customers' material at once, asked first in a ConfirmDialog.
 */
export function PublicationConfirmation({
  action,
  heading,
  dialogTitle,
  preview: { environment, needsSecondPerson, targets, cutOverAt },
  findings,
  hidden,
  trigger,
  verb,
  consequence,
  testId,
}: ConfirmationText & { preview: ConfirmedPreview; findings: TitledFinding[] }) {
  const [state, submit, working] = useActionState<PublicationActionState, FormData>(action, {});
  const count = `${targets.length} connection(s)`;
  return (
    <form action={submit} className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4" data-testid={testId}>
      <h2 className="text-lg font-semibold">{heading}</h2>
      {findings.length > 0 && <FindingsList findings={findings} />}
      <PublicationTargets targets={targets} />
      {cutOverAt && (
        <p className="text-sm" data-testid="confirm-cut-over">
          The CA in force now stays beside the new one until{" "}
          <DateTime at={cutOverAt.length === 16 ? `${cutOverAt}:00Z` : cutOverAt} />.
        </p>
      )}
      {Object.entries(hidden).flatMap(([name, value]) =>
        [value ?? []].flat().map((v, n) => <input key={`${name}-${n}`} type="hidden" name={name} value={v} />),
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
          {state.campaignId && (
            <>
              {" "}
              <Link className="underline" href={`/publish/campaigns/${state.campaignId}`}>
                Open the campaign
              </Link>
            </>
          )}
        </FormMessage>
      )}
      {state.findings && state.findings.length > 0 && !state.ok && <FindingsList findings={state.findings} />}
      {!state.ok && needsSecondPerson && (
        <button disabled={working} className={primary}>
          {working ? "Working…" : `Request approval for ${count}`}
        </button>
      )}
      {/* Production only creates a request (above); PreProd changes customers' material at once: asked first. */}
      {!state.ok && !needsSecondPerson && (
        <ConfirmDialog
          trigger={working ? "Working…" : trigger}
          triggerClassName={primary}
          title={dialogTitle}
          confirmLabel={verb}
          confirmClassName="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          disabled={working}
          testId="confirm-publish"
        >
          <p>{consequence}</p>
          <ul className="list-inside list-disc">
            {targets.map((t) => (
              <li key={t.connectionId}>
                {t.organization} · <span className="font-mono">{t.identifier}</span> {environment}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </form>
  );
}
