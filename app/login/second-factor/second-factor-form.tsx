"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import { completeSecondFactorAction } from "./actions";

export function SecondFactorForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(completeSecondFactorAction, { ok: false });
  const router = useRouter();
  useEffect(() => {
    if (!state.ok) return;
    router.replace("/");
    router.refresh();
  }, [state.ok, router]);
  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium">
        Authentication code
        <input
          name="otp"
          autoFocus
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="6 digits, or a recovery code"
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono"
        />
      </label>
      {state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white disabled:opacity-60"
      >
        Verify
      </button>
    </form>
  );
}
