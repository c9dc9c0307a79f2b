"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { finding, inputTooLarge, MAX_INPUT_BYTES, withTitles, type FixCommand, type TitledFinding } from "@/lib/pki";
import { ASSET_KINDS } from "@/lib/assets/kinds";
import { uploadAsset, type UploadContent } from "@/lib/server/assets/upload-asset";
import { parseStoredReport, type StoredReport } from "@/lib/server/assets/version-record";
import { actionFailure } from "@/app/_lib/request";
import { audited } from "@/app/_lib/action";
import { cutOverDate, cutOverField } from "@/app/_lib/cut-over";

export type UploadState = {
  status?: "rejected" | "needs-confirmation" | "checked" | "error";
  message?: string;
  /** With their catalogue titles: the form lists them in the browser, which never loads the catalogue. */
  findings?: TitledFinding[];
  report?: StoredReport;
  fix?: FixCommand;
};

const fields = z.object({
  connectionId: z.string().min(1).max(100),
  kind: z.enum(ASSET_KINDS),
  intent: z.enum(["check", "submit"]),
  pasted: z
    .string()
    .max(MAX_INPUT_BYTES * 2)
    .optional(),
  host: z.string().max(300).optional(),
  port: z.coerce.number().int().optional(),
  confirmWarnings: z.literal("on").optional(),
  /** datetime-local, read as UTC; empty = the default cut-over. */
  cutOverAt: cutOverField,
});

/** Upload form edge: parse → service (which authorizes and validates with lib/pki) → state for the form. */
export async function uploadAction(_previous: UploadState, form: FormData): Promise<UploadState> {
  const parsed = fields.safeParse({
    connectionId: form.get("connectionId"),
    kind: form.get("kind"),
    intent: form.get("intent"),
    pasted: form.get("pasted") ?? undefined,
    host: form.get("host") ?? undefined,
    port: form.get("port") ?? undefined,
    confirmWarnings: form.get("confirmWarnings") ?? undefined,
    cutOverAt: form.get("cutOverAt") ?? undefined,
  });
  if (!parsed.success) {
    const big = parsed.error.issues.some((i) => i.path[0] === "pasted");
    const size = Buffer.byteLength(String(form.get("pasted") ?? ""), "utf8");
    return big
      ? { status: "rejected", findings: withTitles([inputTooLarge(size, "pasted text")]) }
      : { status: "error", message: "The form was incomplete. Reload the page and try again." };
  }
  const input = parsed.data;
  let content: UploadContent;
  if (input.host !== undefined) {
    content = { host: input.host, port: input.port ?? 443 };
  } else {
    const file = form.get("file");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_INPUT_BYTES)
        return { status: "rejected", findings: withTitles([inputTooLarge(file.size, "file")]) };
      content = { file: new Uint8Array(await file.arrayBuffer()), filename: file.name };
    } else if (input.pasted?.trim()) {
      content = { file: input.pasted, filename: undefined };
    } else {
      const empty = finding(
        "INPUT_EMPTY",
        "Nothing was uploaded.",
        "Choose a file, drop it here, or paste the PEM text.",
      );
      return { status: "rejected", findings: withTitles([empty]) };
    }
  }
  let versionId: string;
  try {
    const result = await uploadAsset({
      ...(await audited()),
      connectionId: input.connectionId,
      kind: input.kind,
      content,
      confirmWarnings: input.confirmWarnings === "on",
      dryRun: input.intent === "check",
      cutOverAt: cutOverDate(input.cutOverAt),
    });
    if (result.status !== "stored")
      return {
        status: result.status,
        findings: withTitles(result.findings),
        report: parseStoredReport(result.report),
        ...(result.fix ? { fix: result.fix } : {}),
      };
    versionId = result.versionId;
  } catch (error) {
    return { status: "error", message: actionFailure(error).message };
  }
  redirect(`/versions/${versionId}?uploaded=1`);
}
