"use server";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { confirmMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

export async function confirmMfaAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const code = z.string().max(20).safeParse(form.get("code"));
  if (!code.success) return { ok: false, message: "Enter the 6-digit code." };
  try {
    const actor = await requireUser({ allowMfaEnrolment: true });
    const codes = await confirmMfaEnrolment({ db: getDb(), actor, code: code.data, origin: await requestOrigin() });
    return { ok: true, message: "Two-factor authentication is on.", data: { codes: codes.join("\n") } };
  } catch (error) {
    return actionFailure(error);
  }
}
