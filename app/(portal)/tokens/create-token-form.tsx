"use client";
import { useActionState } from "react";
import { ActionOutcome, ShownOnce } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import { createTokenAction } from "./actions";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createTokenAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <div className="flex gap-2">
        <input
          name="name"
          aria-label="Token name"
          placeholder="What it is for, e.g. renewal pipeline"
          className="w-80 rounded border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60">
          Create token
        </button>
      </div>
      <ActionOutcome state={state}>
        <ShownOnce value={state.data?.token} testId="new-token" />
      </ActionOutcome>
    </form>
  );
}
