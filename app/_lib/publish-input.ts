import "server-only";
import { z } from "zod";
import { MAX_INPUT_BYTES, withTitles, type Finding } from "@/lib/pki";
import { kindLabel, type AssetKind } from "@/lib/assets/kinds";
import type { PublishContent } from "@/lib/server/assets/publish-asset";
import type { TargetPreview } from "@/lib/server/publications/target-changes";
import type { PublicationActionState } from "@/components/publication-confirmation";
import { actionFailure } from "./request";
import { cutOverDate, cutOverField } from "./cut-over";

/** The fields a form publishing a Thales file sends besides its targets: pasted PEM, file name, cut-over. */
export const fileFields = {
  pasted: z
    .string()
    .max(MAX_INPUT_BYTES * 2)
    .optional(),
  filename: z.string().max(255).optional(),
  cutOverAt: cutOverField,
};

/** The raw values of `fileFields` in a form, for safeParse. */
function fileFieldValues(form: FormData) {
  return {
    pasted: form.get("pasted") ?? undefined,
    filename: form.get("filename") ?? undefined,
    cutOverAt: form.get("cutOverAt") ?? undefined,
  };
}

/** The uploaded file, else the pasted PEM (the confirmation step re-sends the normalized PEM that way). */
async function fileContent(
  form: FormData,
  input: { pasted?: string; filename?: string },
): Promise<PublishContent | { message: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_INPUT_BYTES) return { message: "The file is larger than 1 MiB." };
    return { file: new Uint8Array(await file.arrayBuffer()), filename: file.name };
  }
  if (input.pasted?.trim()) return { file: input.pasted, filename: input.filename };
  return { message: "Choose a file or paste the PEM." };
}

/** What a publishing form gives the service besides its targets: the content and the chosen cut-over, if any. */
export type Publication = { content: PublishContent; cutOverAt: Date | undefined };

export type ParsedPublication<I> = { input: I; publication: Publication } | { message: string };

/**
 * A publishing form read with its schema (which spreads `fileFields`): the content is `hostContent(input)` when it
 * gives one (a host kind), else the file or pasted PEM. A refusal is a message for the form, never a throw.
 */
export async function parsePublicationForm<
  S extends z.ZodType<{ pasted?: string; filename?: string; cutOverAt?: string }>,
>(
  form: FormData,
  schema: S,
  values: Record<string, unknown>,
  hostContent?: (input: z.infer<S>) => PublishContent | undefined,
): Promise<ParsedPublication<z.infer<S>>> {
  const parsed = schema.safeParse({ ...values, ...fileFieldValues(form) });
  if (!parsed.success) return { message: parsed.error.issues.map((i) => i.message).join(" ") };
  const input = parsed.data;
  const cutOverAt = cutOverDate(input.cutOverAt);
  const host = hostContent?.(input);
  if (host) return { input, publication: { content: host, cutOverAt } };
  const content = await fileContent(form, input);
  return "message" in content ? content : { input, publication: { content, cutOverAt } };
}

/** Runs a publishing action's use case on parsed input; a refused input or a service error becomes the form's message. */
export async function withPublication<I, S extends PublicationActionState>(
  parsed: ParsedPublication<I>,
  run: (input: I, publication: Publication) => Promise<S>,
): Promise<S | PublicationActionState> {
  if ("message" in parsed) return { ok: false, message: parsed.message };
  try {
    return await run(parsed.input, parsed.publication);
  } catch (error) {
    return actionFailure(error);
  }
}

/** A publishing preview or publication refused by the checks: the form's message and the findings with their titles. */
export function refusedByChecks(findings: readonly Finding[]): PublicationActionState {
  return { ok: false, message: "Refused: fix the errors below.", findings: withTitles(findings) };
}

/** What every publishing preview (publish page, new campaign) shows first, and its confirmation re-sends. */
export type PreviewHead = {
  kind: string;
  /** The kind in Thales' words (kindLabel), for the confirmation. */
  kindLabel: string;
  environment: string;
  needsSecondPerson: boolean;
  targets: TargetPreview[];
};

type Preview = {
  environment: string;
  needsSecondPerson: boolean;
  findings: readonly Finding[];
  targets: TargetPreview[];
};

/**
 * A publishing preview as its form's state: refused by the checks (`refusedByChecks`), or the findings with their
 * titles, the `PreviewHead` (the kind in Thales' words and the rule) and what this form's confirmation needs
 * besides (`rest`, from the preview the checks passed).
 */
export function previewed<
  V extends ({ ok: true } & Preview) | { ok: false; findings: readonly Finding[] },
  R extends object,
>(
  kind: AssetKind,
  preview: V,
  rest: (preview: Extract<V, { ok: true }>) => R,
): PublicationActionState & { preview?: PreviewHead & R } {
  if (!preview.ok) return refusedByChecks(preview.findings);
  return {
    ok: true,
    findings: withTitles(preview.findings),
    preview: {
      kind,
      kindLabel: kindLabel(kind, "THALES"),
      environment: preview.environment,
      needsSecondPerson: preview.needsSecondPerson,
      targets: preview.targets,
      ...rest(preview as Extract<V, { ok: true }>),
    },
  };
}
