"use client";
import { useState } from "react";
import type { ConfirmationText } from "@/components/publication-confirmation";
import { PublicationPreviewForm } from "@/components/publication-preview-form";
import {
  ChoiceSelect,
  ConnectionCheckboxes,
  PemFileFields,
  PublicationHead,
  ThalesCutOverField,
} from "@/components/publication-inputs";
import type { CampaignChoices } from "@/lib/server/campaigns/campaign-choices";
import { createCampaignAction, previewCampaignAction, type CampaignPreview } from "./actions";

/**
 * Two steps, as on the publish page: choose what to rotate, where and until when, and preview what each customer's
 * trust store gains and keeps; then confirm. Production only creates a request a second person approves.
 */
export function CampaignForm({
  kinds,
  counts,
  total,
  targets,
  program: narrowedProgram,
  environment: narrowedTo,
  overlapDays,
}: CampaignChoices & {
  /** The program and environment the page's filter narrowed the targets to, if any: the form starts there. */
  program?: string;
  environment?: "PPR" | "PRD";
  /** PUBLICATION_OVERLAP_DAYS (lib/assets/rotation.ts), from the server: the browser loads no kind table. */
  overlapDays: number;
}) {
  const [kind, setKind] = useState(kinds[0]!.kind);
  const info = kinds.find((k) => k.kind === kind)!;
  const [chosenProgram, setProgram] = useState(narrowedProgram ?? info.programs[0]!.program);
  const program = info.programs.some((p) => p.program === chosenProgram) ? chosenProgram : info.programs[0]!.program;
  const [environment, setEnvironment] = useState<"PPR" | "PRD">(narrowedTo ?? "PPR");
  const [scope, setScope] = useState<"all" | "chosen">("all");
  // "All of them" needs only their count; the ones to tick are those the page's filter offers (targets).
  const count = counts.find((c) => c.environment === environment && c.program === program)?.count ?? 0;
  const matching = (targets ?? []).filter((c) => c.environment === environment && c.program === program);
  return (
    <PublicationPreviewForm
      action={previewCampaignAction}
      submitLabel="Preview the campaign"
      disabled={count === 0}
      testId="campaign-form"
      confirmation={confirmation}
    >
      <PublicationHead
        kindLabel="What to rotate"
        kinds={kinds}
        kind={[kind, setKind]}
        environment={[environment, setEnvironment]}
        environmentName="environment"
        doing="starting the campaign"
      >
        <ChoiceSelect
          label="Program"
          name="program"
          value={program}
          onChange={setProgram}
          options={info.programs.map((p) => ({ value: p.program, label: p.label }))}
        />
      </PublicationHead>
      <fieldset className="rounded border border-slate-200 bg-white p-3 text-sm">
        <legend className="px-1 font-medium">Connections</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
          All {count} {program} {environment} connection(s)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="scope"
            value="chosen"
            checked={scope === "chosen"}
            onChange={() => setScope("chosen")}
          />
          Only the connections I tick
        </label>
        {scope === "chosen" && (
          <div className="mt-2">
            {count === 0 ? (
              <p className="text-slate-600">
                No {program} {environment} connection yet.
              </p>
            ) : !targets ? (
              <p className="text-slate-600" data-testid="narrow-targets">
                {total} connections match the filter above: narrow it by organization, program or environment to tick
                some.
              </p>
            ) : (
              matching.length === 0 && (
                <p className="text-slate-600" data-testid="narrow-targets">
                  None of the connections the filter above offers is a {program} {environment} connection: narrow it to
                  them.
                </p>
              )
            )}
            <ConnectionCheckboxes connections={matching} />
          </div>
        )}
      </fieldset>
      <PemFileFields />
      <ThalesCutOverField
        label={info.label}
        when="the campaign starts (also for a Production campaign still waiting for its approval)"
        overlapDays={overlapDays}
      />
    </PublicationPreviewForm>
  );
}

/** The confirmation step's words, one per preview: the campaign starts on exactly the connections previewed. */
function confirmation(shown: CampaignPreview): ConfirmationText {
  const what = `the ${shown.kindLabel} on ${shown.targets.length} ${shown.program} ${shown.environment} connection(s)`;
  return {
    action: createCampaignAction,
    heading: `Confirm the campaign: ${what}`,
    dialogTitle: `Rotate ${what}`,
    hidden: {
      kind: shown.kind,
      program: shown.program,
      environment: shown.environment,
      scope: "chosen",
      connectionIds: shown.connectionIds,
      pasted: shown.pasted,
      filename: shown.filename,
      cutOverAt: shown.chosenCutOverAt,
      // The preview showed the warnings, if any: confirming accepts them.
      acceptWarnings: "on",
    },
    trigger: `Start the campaign on ${shown.targets.length} connection(s)`,
    verb: "Start the campaign",
    consequence:
      "Each connection below gets the new version at once, beside the one in force until the cut-over; its customer sees it as new until they acknowledge it, and is reminded 14, 7 and 1 day(s) before the cut-over.",
    testId: "campaign-confirmation",
  };
}
