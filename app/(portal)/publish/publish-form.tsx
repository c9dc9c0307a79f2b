"use client";
import { useRef, useState } from "react";
import type { ConfirmationText } from "@/components/publication-confirmation";
import { PublicationPreviewForm } from "@/components/publication-preview-form";
import {
  ConnectionCheckboxes,
  PemFileFields,
  PublicationHead,
  ThalesCutOverField,
} from "@/components/publication-inputs";
import { previewPublishAction, publishAction, type PublishPreview } from "./actions";

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
 * Labels and the default overlap come from the server (page and preview), so the browser loads no kind table.
 * The targets are those the page's filter narrowed to (at most one publication's worth), so "tick all" publishes.
 */
export function PublishForm({
  kinds,
  targets,
  overlapDays,
  environment: narrowedTo,
}: {
  kinds: PublishKind[];
  targets: PublishTarget[];
  /** PUBLICATION_OVERLAP_DAYS (lib/assets/rotation.ts). */
  overlapDays: number;
  /** The environment the page's filter narrowed the targets to, if any: the form starts there. */
  environment?: "PPR" | "PRD";
}) {
  const [kind, setKind] = useState(kinds[0]!.kind);
  const [environment, setEnvironment] = useState<"PPR" | "PRD">(narrowedTo ?? "PPR");
  const boxes = useRef<HTMLFieldSetElement>(null);
  // The checkboxes stay uncontrolled (ConnectionCheckboxes): ticking them all is a deliberate click, never a default.
  const tickAll = (checked: boolean) =>
    boxes.current?.querySelectorAll<HTMLInputElement>('input[name="connectionIds"]').forEach((box) => {
      box.checked = checked;
    });
  const info = kinds.find((k) => k.kind === kind)!;
  const matching = targets.filter((t) => t.environment === environment && info.programs.includes(t.program));
  const field = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";
  return (
    <PublicationPreviewForm
      action={previewPublishAction}
      submitLabel="Preview changes"
      disabled={matching.length === 0}
      confirmation={confirmation}
    >
      <PublicationHead
        kindLabel="What"
        kinds={kinds}
        kind={[kind, setKind]}
        environment={[environment, setEnvironment]}
        doing="publishing"
      />
      <fieldset ref={boxes} className="rounded border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium">
          To connections ({matching.length} of {environment}; tick each one on purpose)
        </legend>
        {matching.length === 0 ? (
          <p className="text-sm text-slate-600">No connection of this environment uses this asset.</p>
        ) : (
          <p className="mb-2 flex gap-3 text-sm">
            <button type="button" className="underline" onClick={() => tickAll(true)}>
              Tick all {matching.length}
            </button>
            <button type="button" className="underline" onClick={() => tickAll(false)}>
              Untick all
            </button>
          </p>
        )}
        <ConnectionCheckboxes connections={matching} />
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
        <PemFileFields />
      )}
      {info.overlap && <ThalesCutOverField label={info.label} when="it is published" overlapDays={overlapDays} />}
    </PublicationPreviewForm>
  );
}

/** The confirmation step's words, one per preview (a new preview starts a fresh one). */
function confirmation(shown: PublishPreview): ConfirmationText {
  const what = `the ${shown.kindLabel} to ${shown.targets.length} ${shown.environment} connection(s)`;
  const host = shown.host !== undefined;
  return {
    action: publishAction,
    heading: `Confirm: ${what}`,
    dialogTitle: `Publish ${what}`,
    hidden: {
      kind: shown.kind,
      cutOverAt: shown.cutOverAt,
      connectionIds: shown.connectionIds,
      host: shown.host,
      basePath: host ? (shown.basePath ?? "/") : undefined,
      pasted: host ? undefined : (shown.pasted ?? ""),
      filename: shown.filename,
    },
    trigger: `Publish to ${shown.targets.length} connection(s)`,
    verb: "Publish",
    consequence:
      "Each connection below gets a new version at once, superseding the one in force; its customer sees it as new until they acknowledge it. A published version is only replaced by publishing again.",
    testId: "publish-confirmation",
  };
}
