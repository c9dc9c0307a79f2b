"use server";
import { z } from "zod";
import { confirmMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { actionFailure, type ActionState } from "@/app/_lib/request";
import { audited } from "@/app/_lib/action";

export async function confirmMfaAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const code = z.string().max(20).safeParse(form.get("code"));
  if (!code.success) return { ok: false, message: "Enter the 6-digit code." };
  try {
    const codes = await confirmMfaEnrolment({ ...(await audited({ allowMfaEnrolment: true })), code: code.data });
    return { ok: true, message: "Two-factor authentication is on.", data: { codes: codes.join("\n") } };
  } catch (error) {
    return actionFailure(error);
  }
}
