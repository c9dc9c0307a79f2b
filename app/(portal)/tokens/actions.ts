"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { actionFailure, refusedQuietly, requestOrigin, type ActionState } from "@/app/_lib/request";

export async function createTokenAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const name = z
    .string()
    .max(100)
    .safeParse(form.get("name") ?? "");
  if (!name.success) return { ok: false, message: "A token name has at most 100 characters." };
  try {
    const actor = await requireUser();
    const { token } = await createApiToken({
      db: getDb(),
      userId: actor.id,
      name: name.data,
      actor,
      origin: await requestOrigin(),
    });
    revalidatePath("/tokens");
    return { ok: true, message: "Copy the token now: it is shown only once.", data: { token } };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const tokenId = z.string().min(1).max(100).safeParse(form.get("tokenId"));
  if (!tokenId.success) return;
  await refusedQuietly(async () =>
    revokeApiToken({ db: getDb(), actor: await requireUser(), tokenId: tokenId.data, origin: await requestOrigin() }),
  );
  revalidatePath("/tokens");
}
