"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createUser, createUserInput } from "@/lib/server/users/create-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { actionFailure, refusedQuietly, requestOrigin, type ActionState } from "../../../_lib/request";

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createUserInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const actor = await requireUser();
    const { user, oneTimePassword } = await createUser({ db: getDb(), actor, input: parsed.data, origin: await requestOrigin() });
    revalidatePath("/admin/users");
    return { ok: true, message: `Created ${user.email}. Hand over this one-time password; it is shown only now.`, data: { oneTimePassword } };
  } catch (error) {
    return actionFailure(error);
  }
}

const toggleInput = z.object({ userId: z.string().min(1), disabled: z.enum(["true", "false"]) });

export async function setUserDisabledAction(form: FormData): Promise<void> {
  const parsed = toggleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  await refusedQuietly(async () => {
    const actor = await requireUser();
    await setUserDisabled({ db: getDb(), actor, userId: parsed.data.userId, disabled: parsed.data.disabled === "true", origin: await requestOrigin() });
  });
  revalidatePath("/admin/users");
}
