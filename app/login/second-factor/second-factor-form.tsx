"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionOutcome } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import { completeSecondFactorAction } from "./actions";
import { OneTimeCodeField } from "@/components/form-fields";

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
      <OneTimeCodeField />
      <ActionOutcome state={state} />
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
