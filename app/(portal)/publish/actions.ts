"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withTitles } from "@/lib/pki";
import { ASSET_KINDS } from "@/lib/assets/kinds";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { previewPublication } from "@/lib/server/publications/preview-publication";
import type { PublicationActionState } from "@/components/publication-confirmation";
import { audited, signedIn } from "@/app/_lib/action";
import {
  fileFields,
  parsePublicationForm,
  previewed,
  refusedByChecks,
  withPublication,
  type PreviewHead,
} from "@/app/_lib/publish-input";

export type PublishPreview = PreviewHead & {
  connectionIds: string[];
  /** What the confirmation re-sends: the normalized PEM the parser accepted, or the host. */
  pasted?: string;
  filename?: string;
  /** The chosen cut-over (UTC, yyyy-mm-ddThh:mm), re-sent on confirmation. */
  cutOverAt?: string;
  host?: string;
  basePath?: string;
};
export type PublishState = PublicationActionState & { preview?: PublishPreview };

const fields = z.object({
  kind: z.enum(ASSET_KINDS),
  connectionIds: z.array(z.string().min(1).max(100)).min(1, "Choose at least one connection.").max(500),
  host: z.string().max(300).optional(),
  basePath: z.string().max(300).optional(),
  ...fileFields,
});

const parse = (form: FormData) =>
  parsePublicationForm(
    form,
    fields,
    {
      kind: form.get("kind"),
      connectionIds: form.getAll("connectionIds"),
      host: form.get("host") ?? undefined,
      basePath: form.get("basePath") ?? undefined,
    },
    (input) => (input.host !== undefined ? { host: input.host, basePath: input.basePath ?? "/" } : undefined),
  );

/** What is published where: the kind and the ticked connections. */
const targets = (input: z.infer<typeof fields>) => ({ kind: input.kind, connectionIds: input.connectionIds });

/** Step 1: check the content and show, per target, what the customer's trust store gains and loses. Stores nothing. */
export async function previewPublishAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  return withPublication(await parse(form), async (input, publication) => {
    const { content } = publication;
    const preview = await previewPublication({ ...(await signedIn()), ...targets(input), ...publication });
    return previewed(input.kind, preview, (passed) => ({
      connectionIds: passed.targets.map((t) => t.connectionId),
      ...(input.cutOverAt ? { cutOverAt: input.cutOverAt } : {}),
      ...("host" in content
        ? { host: content.host, basePath: content.basePath }
        : { pasted: passed.normalizedPem ?? "", filename: content.filename }),
    }));
  });
}

/** Step 2, after the preview: publish (PreProd) or ask a second person to approve (Production). */
export async function publishAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  return withPublication(await parse(form), async (input, publication): Promise<PublishState> => {
    const result = await publishAsset({ ...(await audited()), ...targets(input), ...publication });
    if (!result.ok) return refusedByChecks(result.findings);
    revalidatePath("/");
    revalidatePath("/publish/requests");
    if (result.state === "PENDING") {
      return {
        ok: true,
        requestId: result.requestId,
        message: `Publication request created for ${new Set(input.connectionIds).size} Production connection(s): nothing changes until a second person approves it.`,
      };
    }
    return {
      ok: true,
      message: `Published to ${result.versionIds.length} connection(s).`,
      findings: withTitles(result.findings),
    };
  });
}
