"use client";
import { startTransition, useActionState, useState } from "react";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import {
  PublicationConfirmation,
  type ConfirmationText,
  type ConfirmedPreview,
  type PublicationActionState,
} from "@/components/publication-confirmation";

/**
 * The first step of a Thales publication (the publish page, a new campaign): the choices in `children`, a preview
 * button, the refusal if any; once previewed, the second step: a PublicationConfirmation of that preview (a fresh one
 * per preview) in the words `confirmation` gives for it.
 * Submitted by hand so React does not reset the choices when the preview comes back.
 */
export function PublicationPreviewForm<P extends ConfirmedPreview>({
  action,
  children,
  submitLabel,
  disabled,
  testId,
  confirmation,
}: {
  action: (
    previous: PublicationActionState & { preview?: P },
    form: FormData,
  ) => Promise<PublicationActionState & { preview?: P }>;
  children: React.ReactNode;
  submitLabel: string;
  disabled: boolean;
  testId?: string;
  confirmation: (preview: P) => ConfirmationText;
}) {
  const [state, preview, previewing] = useActionState(action, {});
  const [previews, setPreviews] = useState(0);
  const shown = state.preview;
  return (
    <div className="space-y-4">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setPreviews((n) => n + 1);
          startTransition(() => preview(data));
        }}
        className="space-y-4"
        data-testid={testId}
      >
        {children}
        {!shown && state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
        {!shown && state.findings && state.findings.length > 0 && <FindingsList findings={state.findings} />}
        <button
          disabled={previewing || disabled}
          className="rounded border border-slate-900 bg-white px-4 py-2 text-sm font-medium disabled:opacity-60"
        >
          {previewing ? "Checking…" : submitLabel}
        </button>
      </form>
      {shown !== undefined && (
        <PublicationConfirmation
          key={previews}
          {...confirmation(shown)}
          preview={shown}
          findings={state.findings ?? []}
        />
      )}
    </div>
  );
}
