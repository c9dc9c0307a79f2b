"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { changePassword } from "@/lib/server/users/change-password";
import { actionFailure, type ActionState } from "@/app/_lib/request";
import { audited } from "@/app/_lib/action";

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
    await changePassword({
      ...(await audited({ allowMfaEnrolment: true, allowPasswordChange: true })),
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
    });
  } catch (error) {
    return actionFailure(error);
  }
  redirect("/");
}
