"use server";
import { getDb } from "@/lib/server/db/client";
import { getOwedSecondFactor } from "@/lib/server/auth/session";
import { completeSecondFactor } from "@/lib/server/sso/complete-second-factor";
import { requestOrigin, type ActionState } from "@/app/_lib/request";

const MESSAGES = {
  invalid: "That code is not right (or was already used). Enter the current code from your app, or a recovery code.",
  throttled: "Too many wrong codes. Sign-in is blocked for 15 minutes for this account.",
  ended: "This sign-in has ended. Sign in again.",
} as const;

/** The code owed after a single sign-on: checked against the session row, which then opens the portal. */
export async function completeSecondFactorAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const owed = await getOwedSecondFactor();
  if (!owed) return { ok: false, message: MESSAGES.ended };
  const code = form.get("otp");
  if (typeof code !== "string" || !code.trim())
    return { ok: false, message: "Enter the code from your authenticator app." };
  const verdict = await completeSecondFactor({ db: getDb(), ...owed, code, origin: await requestOrigin() });
  if (verdict !== "ok") return { ok: false, message: MESSAGES[verdict] };
  return { ok: true, message: "Signed in." };
}
