"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MAX_INPUT_BYTES, withTitles, type TitledFinding } from "@/lib/pki";
import { CA_CHANGE_KINDS } from "@/lib/assets/ca-change";
import type { AssetKind } from "@/lib/assets/kinds";
import { declareCaChange } from "@/lib/server/ca-changes/declare-ca-change";
import { actionFailure } from "@/app/_lib/request";
import { audited } from "@/app/_lib/action";

export type CaChangeState = {
  status?: "rejected" | "needs-confirmation" | "error";
  message?: string;
  /** Findings with their catalogue titles: the form lists them in the browser, which never loads the catalogue. */
  results?: { kind: AssetKind; findings: TitledFinding[] }[];
};

const fields = z.object({
  connectionId: z.string().min(1).max(100),
  /** A day (UTC): the endpoint serves the new chain from then on. */
  changeAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  confirmWarnings: z.literal("on").optional(),
});

/** CA change form edge: parse → service (which authorizes, checks the date and every file) → state for the form. */
export async function declareCaChangeAction(_previous: CaChangeState, form: FormData): Promise<CaChangeState> {
  const parsed = fields.safeParse({
    connectionId: form.get("connectionId"),
    changeAt: form.get("changeAt"),
    confirmWarnings: form.get("confirmWarnings") ?? undefined,
  });
  if (!parsed.success) return { status: "error", message: "Choose the day your endpoint switches to the new chain." };
  const files: Partial<Record<AssetKind, { file: Uint8Array | string; filename?: string }>> = {};
  for (const kind of CA_CHANGE_KINDS) {
    const file = form.get(`file:${kind}`);
    const pasted = form.get(`pasted:${kind}`);
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_INPUT_BYTES) return { status: "error", message: `${file.name} is too large.` };
      files[kind] = { file: new Uint8Array(await file.arrayBuffer()), filename: file.name };
    } else if (typeof pasted === "string" && pasted.trim()) {
      if (pasted.length > MAX_INPUT_BYTES * 2) return { status: "error", message: "The pasted text is too large." };
      files[kind] = { file: pasted };
    }
  }
  let connectionId: string;
  try {
    const result = await declareCaChange({
      ...(await audited()),
      connectionId: parsed.data.connectionId,
      changeAt: new Date(`${parsed.data.changeAt}T00:00:00Z`),
      files,
      confirmWarnings: parsed.data.confirmWarnings === "on",
    });
    if (result.status !== "stored")
      return {
        status: result.status,
        results: result.results.map((r) => ({ kind: r.kind, findings: withTitles(r.findings) })),
      };
    connectionId = parsed.data.connectionId;
  } catch (error) {
    return { status: "error", message: actionFailure(error).message };
  }
  redirect(`/ca-changes?announced=${encodeURIComponent(connectionId)}`);
}
