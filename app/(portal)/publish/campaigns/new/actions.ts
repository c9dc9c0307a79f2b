"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ENVIRONMENTS, PROGRAMS, withTitles } from "@/lib/pki";
import { CAMPAIGN_KINDS } from "@/lib/assets/kinds";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { previewCampaign } from "@/lib/server/campaigns/preview-campaign";
import type { TargetPreview } from "@/lib/server/publications/target-changes";
import type { PublicationActionState } from "@/components/publication-confirmation";
import { requestOrigin } from "@/app/_lib/request";
import {
  cutOverDate,
  fileFields,
  parsePublicationForm,
  previewHead,
  refusedByChecks,
  withPublication,
} from "@/app/_lib/publish-input";

export type CampaignPreview = {
  kind: string;
  /** The kind in Thales' words (kindLabel), for the confirmation. */
  kindLabel: string;
  program: string;
  environment: string;
  needsSecondPerson: boolean;
  /** The connections previewed: the confirmation starts the campaign on exactly these. */
  connectionIds: string[];
  /** The normalized PEM the parser accepted, re-sent on confirmation. */
  pasted: string;
  filename?: string;
  /** The chosen cut-over (UTC, yyyy-mm-ddThh:mm), re-sent on confirmation; absent: the default. */
  chosenCutOverAt?: string;
  /** The cut-over the campaign gets (ISO): the chosen one or the default. */
  cutOverAt: string;
  targets: TargetPreview[];
};
export type CampaignPreviewState = PublicationActionState & { preview?: CampaignPreview };

const fields = z
  .object({
    kind: z.enum(CAMPAIGN_KINDS),
    program: z.enum(PROGRAMS),
    environment: z.enum(ENVIRONMENTS),
    scope: z.enum(["all", "chosen"]).default("all"),
    connectionIds: z.array(z.string().min(1).max(100)).max(500),
    acceptWarnings: z.literal("on").optional(),
    ...fileFields,
  })
  .refine((input) => input.scope === "all" || input.connectionIds.length > 0, {
    message: "Choose at least one connection, or all of them.",
  });

const parse = (form: FormData) =>
  parsePublicationForm(form, fields, {
    kind: form.get("kind"),
    program: form.get("program"),
    environment: form.get("environment"),
    scope: form.get("scope") ?? undefined,
    connectionIds: form.getAll("connectionIds"),
    acceptWarnings: form.get("acceptWarnings") ?? undefined,
  });

/** What the campaign covers: the ticked connections, or (none chosen) all of the program and environment. */
const scope = (input: z.infer<typeof fields>) => ({
  kind: input.kind,
  program: input.program,
  environment: input.environment,
  connectionIds: input.scope === "chosen" ? input.connectionIds : undefined,
});

/** Step 1: the campaign's targets and what each customer's trust store gains and keeps. Stores nothing. */
export async function previewCampaignAction(
  _previous: CampaignPreviewState,
  form: FormData,
): Promise<CampaignPreviewState> {
  return withPublication(await parse(form), async (input, content) => {
    const preview = await previewCampaign({
      db: getDb(),
      actor: await requireUser(),
      ...scope(input),
      content,
      cutOverAt: cutOverDate(input.cutOverAt),
    });
    if (!preview.ok) return refusedByChecks(preview.findings);
    const { findings, head } = previewHead(input.kind, preview);
    return {
      ok: true,
      findings,
      preview: {
        ...head,
        program: input.program,
        connectionIds: preview.connectionIds,
        pasted: preview.normalizedPem ?? "",
        filename: "filename" in content ? content.filename : undefined,
        ...(input.cutOverAt ? { chosenCutOverAt: input.cutOverAt } : {}),
        cutOverAt: preview.cutOverAt.toISOString(),
        targets: preview.targets,
      },
    };
  });
}

/** Step 2, after the preview: start the campaign (PreProd in force at once, Production a request for a second person). */
export async function createCampaignAction(
  _previous: PublicationActionState,
  form: FormData,
): Promise<PublicationActionState> {
  return withPublication(await parse(form), async (input, content): Promise<PublicationActionState> => {
    const result = await createCampaign({
      db: getDb(),
      actor: await requireUser(),
      ...scope(input),
      content,
      cutOverAt: cutOverDate(input.cutOverAt),
      confirmWarnings: input.acceptWarnings === "on",
      origin: await requestOrigin(),
    });
    if (!result.ok)
      return {
        ok: false,
        message:
          result.verdict === "needs-confirmation"
            ? "The content has warnings: preview again and confirm them."
            : "Refused: fix the errors below.",
        findings: withTitles(result.findings),
      };
    revalidatePath("/");
    revalidatePath("/publish/campaigns");
    revalidatePath("/publish/requests");
    if (result.state === "PENDING")
      return {
        ok: true,
        requestId: result.requestId,
        campaignId: result.campaignId,
        message:
          "Campaign created. It is a Production publication request: nothing changes for customers until a second Thales person approves it.",
      };
    return {
      ok: true,
      campaignId: result.campaignId,
      message: `Campaign started: published to ${result.versionIds.length} connection(s).`,
      findings: withTitles(result.findings),
    };
  });
}
