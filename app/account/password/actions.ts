"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { changePassword } from "@/lib/server/users/change-password";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

const input = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
  confirm: z.string().max(1000),
});

export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Fill in all three fields." };
  if (parsed.data.newPassword !== parsed.data.confirm) return { ok: false, message: "The two new passwords differ." };
  try {
    const actor = await requireUser({ allowMfaEnrolment: true, allowPasswordChange: true });
    await changePassword({
      db: getDb(),
      actor,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      origin: await requestOrigin(),
    });
  } catch (error) {
    return actionFailure(error);
  }
  redirect("/");
}
