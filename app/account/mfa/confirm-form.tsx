"use client";
import { SubmitButton, useFormAction } from "@/components/action-form";
import Link from "next/link";
import { FormMessage } from "@/components/form-message";
import { confirmMfaAction } from "./actions";

export function ConfirmMfaForm() {
  const [state, action, pending] = useFormAction(confirmMfaAction);
  if (state.ok && state.data?.codes) {
    return (
      <div className="space-y-3">
        <FormMessage ok>{state.message}</FormMessage>
        <p className="text-sm">
          Recovery codes: each works once if you lose your phone. Store them now, somewhere safe; they are not shown
          again.
        </p>
        <pre data-testid="recovery-codes" className="rounded bg-slate-50 p-3 font-mono text-sm ring-1 ring-slate-200">
          {state.data.codes}
        </pre>
        <Link href="/" className="inline-block rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white">
          I have stored them — continue
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <label className="block text-sm font-medium">
        6-digit code from the app
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          className="mt-1 block w-40 rounded border border-slate-300 px-3 py-2 font-mono tracking-widest"
        />
      </label>
      {state.message && <FormMessage>{state.message}</FormMessage>}
      <SubmitButton
        pending={pending}
        className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
      >
        Turn on
      </SubmitButton>
    </form>
  );
}
