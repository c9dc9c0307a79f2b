"use client";
import { SubmitButton, useFormAction } from "@/components/action-form";
import { FormMessage } from "@/components/form-message";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useFormAction(changePasswordAction);
  const field = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";
  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium">
        Current (one-time) password
        <input name="currentPassword" type="password" autoComplete="current-password" required className={field} />
      </label>
      <label className="block text-sm font-medium">
        New password
        <input name="newPassword" type="password" autoComplete="new-password" required className={field} />
      </label>
      <label className="block text-sm font-medium">
        New password again
        <input name="confirm" type="password" autoComplete="new-password" required className={field} />
      </label>
      {state.message && <FormMessage>{state.message}</FormMessage>}
      <SubmitButton
        pending={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white disabled:opacity-60"
      >
        Save password
      </SubmitButton>
    </form>
  );
}
