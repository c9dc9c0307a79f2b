"use client";
import { SubmitButton, useFormAction } from "@/components/action-form";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ActionOutcome } from "@/components/form-message";
import { completeSecondFactorAction } from "./actions";
import { OneTimeCodeField } from "@/components/form-fields";

export function SecondFactorForm() {
  const [state, action, pending] = useFormAction(completeSecondFactorAction);
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
      <SubmitButton
        pending={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white disabled:opacity-60"
      >
        Verify
      </SubmitButton>
    </form>
  );
}
