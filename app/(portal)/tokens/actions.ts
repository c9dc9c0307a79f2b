"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { refusedQuietly, type ActionState } from "@/app/_lib/request";
import { audited, revalidatedAfter } from "@/app/_lib/action";

export async function createTokenAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const name = z
    .string()
    .max(100)
    .safeParse(form.get("name") ?? "");
  if (!name.success) return { ok: false, message: "A token name has at most 100 characters." };
  return revalidatedAfter(["/tokens"], async () => {
    const context = await audited();
    const { token } = await createApiToken({ ...context, userId: context.actor.id, name: name.data });
    return { message: "Copy the token now: it is shown only once.", data: { token } };
  });
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const tokenId = z.string().min(1).max(100).safeParse(form.get("tokenId"));
  if (!tokenId.success) return;
  await refusedQuietly(async () => revokeApiToken({ ...(await audited()), tokenId: tokenId.data }));
  revalidatePath("/tokens");
}
