"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { MAX_INPUT_BYTES, withTitles, type TitledFinding } from "@/lib/pki";
import { ASSET_KINDS, kindLabel } from "@/lib/assets/kinds";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { publishAsset, type PublishContent } from "@/lib/server/assets/publish-asset";
import { previewPublication } from "@/lib/server/publications/preview-publication";
import type { TargetPreview } from "@/lib/server/publications/target-changes";
import { actionFailure, requestOrigin } from "@/app/_lib/request";

export type PublishPreview = {
  kind: string;
  /** The kind in Thales' words (kindLabel), for the confirmation. */
  kindLabel: string;
  environment: string;
  needsSecondPerson: boolean;
  connectionIds: string[];
  /** What the confirmation re-sends: the normalized PEM the parser accepted, or the host. */
  pasted?: string;
  filename?: string;
  /** The chosen cut-over (UTC, yyyy-mm-ddThh:mm), re-sent on confirmation. */
  cutOverAt?: string;
  host?: string;
  basePath?: string;
  targets: TargetPreview[];
};
export type PublishState = {
  ok?: boolean;
  message?: string;
  /** With their catalogue titles: the form lists them in the browser, which never loads the catalogue. */
  findings?: TitledFinding[];
  preview?: PublishPreview;
  requestId?: string;
};

const fields = z.object({
  kind: z.enum(ASSET_KINDS),
  connectionIds: z.array(z.string().min(1).max(100)).min(1, "Choose at least one connection.").max(500),
  host: z.string().max(300).optional(),
  basePath: z.string().max(300).optional(),
  pasted: z
    .string()
    .max(MAX_INPUT_BYTES * 2)
    .optional(),
  filename: z.string().max(255).optional(),
  cutOverAt: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)]).optional(),
});

async function parse(
  form: FormData,
): Promise<{ input: z.infer<typeof fields>; content: PublishContent } | { message: string }> {
  const parsed = fields.safeParse({
    kind: form.get("kind"),
    connectionIds: form.getAll("connectionIds"),
    filename: form.get("filename") ?? undefined,
    host: form.get("host") ?? undefined,
    basePath: form.get("basePath") ?? undefined,
    pasted: form.get("pasted") ?? undefined,
    cutOverAt: form.get("cutOverAt") ?? undefined,
  });
  if (!parsed.success) return { message: parsed.error.issues.map((i) => i.message).join(" ") };
  const input = parsed.data;
  if (input.host !== undefined) return { input, content: { host: input.host, basePath: input.basePath ?? "/" } };
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_INPUT_BYTES) return { message: "The file is larger than 1 MiB." };
    return { input, content: { file: new Uint8Array(await file.arrayBuffer()), filename: file.name } };
  }
  if (input.pasted?.trim()) return { input, content: { file: input.pasted, filename: input.filename } };
  return { message: "Choose a file or paste the PEM." };
}

/** The form's datetime-local value, read as UTC (the form says so). */
function cutOverDate(value: string | undefined): Date | undefined {
  return value ? new Date(`${value}:00Z`) : undefined;
}

/** Step 1: check the content and show, per target, what the customer's trust store gains and loses. Stores nothing. */
export async function previewPublishAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  const parsed = await parse(form);
  if ("message" in parsed) return { ok: false, message: parsed.message };
  const { input, content } = parsed;
  try {
    const preview = await previewPublication({
      db: getDb(),
      actor: await requireUser(),
      kind: input.kind,
      connectionIds: input.connectionIds,
      content,
      cutOverAt: cutOverDate(input.cutOverAt),
    });
    if (!preview.ok)
      return { ok: false, message: "Refused: fix the errors below.", findings: withTitles(preview.findings) };
    return {
      ok: true,
      findings: withTitles(preview.findings),
      preview: {
        kind: input.kind,
        kindLabel: kindLabel(input.kind, "THALES"),
        environment: preview.environment,
        needsSecondPerson: preview.needsSecondPerson,
        connectionIds: preview.targets.map((t) => t.connectionId),
        targets: preview.targets,
        ...(input.cutOverAt ? { cutOverAt: input.cutOverAt } : {}),
        ...("host" in content
          ? { host: content.host, basePath: content.basePath }
          : { pasted: preview.normalizedPem ?? "", filename: content.filename }),
      },
    };
  } catch (error) {
    return actionFailure(error);
  }
}

/** Step 2, after the preview: publish (PreProd) or ask a second person to approve (Production). */
export async function publishAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  const parsed = await parse(form);
  if ("message" in parsed) return { ok: false, message: parsed.message };
  const { input, content } = parsed;
  try {
    const result = await publishAsset({
      db: getDb(),
      actor: await requireUser(),
      kind: input.kind,
      connectionIds: input.connectionIds,
      content,
      cutOverAt: cutOverDate(input.cutOverAt),
      origin: await requestOrigin(),
    });
    if (!result.ok)
      return { ok: false, message: "Refused: fix the errors below.", findings: withTitles(result.findings) };
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
  } catch (error) {
    return actionFailure(error);
  }
}
