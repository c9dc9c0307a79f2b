"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { MAX_INPUT_BYTES, type Finding } from "@/lib/pki";
import { ASSET_KINDS } from "@/lib/assets/kinds";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { publishAsset, type PublishContent } from "@/lib/server/assets/publish-asset";
import { actionFailure, requestOrigin } from "../../_lib/request";

export type PublishState = { ok?: boolean; message?: string; findings?: Finding[] };

const fields = z.object({
  kind: z.enum(ASSET_KINDS),
  connectionIds: z.array(z.string().min(1).max(100)).min(1, "Choose at least one connection.").max(500),
  host: z.string().max(300).optional(),
  basePath: z.string().max(300).optional(),
  pasted: z.string().max(MAX_INPUT_BYTES * 2).optional(),
});

export async function publishAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  const parsed = fields.safeParse({
    kind: form.get("kind"), connectionIds: form.getAll("connectionIds"),
    host: form.get("host") ?? undefined, basePath: form.get("basePath") ?? undefined, pasted: form.get("pasted") ?? undefined,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };
  const input = parsed.data;
  let content: PublishContent;
  if (input.host !== undefined) content = { host: input.host, basePath: input.basePath ?? "/" };
  else {
    const file = form.get("file");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_INPUT_BYTES) return { ok: false, message: "The file is larger than 1 MiB." };
      content = { file: new Uint8Array(await file.arrayBuffer()), filename: file.name };
    } else if (input.pasted?.trim()) content = { file: input.pasted };
    else return { ok: false, message: "Choose a file or paste the PEM." };
  }
  try {
    const result = await publishAsset({ db: getDb(), actor: await requireUser(), kind: input.kind, connectionIds: input.connectionIds, content, origin: await requestOrigin() });
    if (!result.ok) return { ok: false, message: "Refused: fix the errors below.", findings: result.findings };
    revalidatePath("/");
    return { ok: true, message: `Published to ${result.versionIds.length} connection(s).`, findings: result.findings };
  } catch (error) {
    return actionFailure(error);
  }
}
