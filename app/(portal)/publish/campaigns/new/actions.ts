"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ENVIRONMENTS, PROGRAMS, withTitles } from "@/lib/pki";
import { CAMPAIGN_KINDS } from "@/lib/assets/kinds";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { previewCampaign } from "@/lib/server/campaigns/preview-campaign";
import type { PublicationActionState } from "@/components/publication-confirmation";
import { audited, signedIn } from "@/app/_lib/action";
import {
  fileFields,
  parsePublicationForm,
  previewed,
  withPublication,
  type PreviewHead,
} from "@/app/_lib/publish-input";

export type CampaignPreview = PreviewHead & {
  program: string;
  /** The connections previewed: the confirmation starts the campaign on exactly these. */
  connectionIds: string[];
  /** The normalized PEM the parser accepted, re-sent on confirmation. */
  pasted: string;
  filename?: string;
  /** The chosen cut-over (UTC, yyyy-mm-ddThh:mm), re-sent on confirmation; absent: the default. */
  chosenCutOverAt?: string;
  /** The cut-over the campaign gets (ISO): the chosen one or the default. */
  cutOverAt: string;
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
  return withPublication(await parse(form), async (input, publication) => {
    const preview = await previewCampaign({ ...(await signedIn()), ...scope(input), ...publication });
    return previewed(input.kind, preview, (passed) => ({
      program: input.program,
      connectionIds: passed.connectionIds,
      pasted: passed.normalizedPem ?? "",
      filename: "filename" in publication.content ? publication.content.filename : undefined,
      ...(input.cutOverAt ? { chosenCutOverAt: input.cutOverAt } : {}),
      cutOverAt: passed.cutOverAt.toISOString(),
    }));
  });
}

/** Step 2, after the preview: start the campaign (PreProd in force at once, Production a request for a second person). */
export async function createCampaignAction(
  _previous: PublicationActionState,
  form: FormData,
): Promise<PublicationActionState> {
  return withPublication(await parse(form), async (input, publication): Promise<PublicationActionState> => {
    const result = await createCampaign({
      ...(await audited()),
      ...scope(input),
      ...publication,
      confirmWarnings: input.acceptWarnings === "on",
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
