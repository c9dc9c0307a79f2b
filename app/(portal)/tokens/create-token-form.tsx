"use client";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { ShownOnce } from "@/components/form-message";
import { createTokenAction } from "./actions";

export function CreateTokenForm() {
  return (
    <ActionForm action={createTokenAction} shownOnce={(data) => <ShownOnce value={data?.token} testId="new-token" />}>
      {(pending) => (
        <div className="flex gap-2">
          <input
            name="name"
            aria-label="Token name"
            placeholder="What it is for, e.g. renewal pipeline"
            className="w-80 rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
          <SubmitButton pending={pending}>Create token</SubmitButton>
        </div>
      )}
    </ActionForm>
  );
}
