"use client";
import { useActionState } from "react";
import { ActionOutcome, FormMessage } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";

type FormAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** A server action's state for its form, from nothing said yet: `[state, formAction, pending]`. */
export function useFormAction(action: FormAction) {
  return useActionState<ActionState, FormData>(action, { ok: false });
}

const PRIMARY = "rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60";

/** A form's submit button, disabled while its action runs; the portal's small dark button unless `className`. */
export function SubmitButton({
  pending,
  disabled = false,
  className = PRIMARY,
  children,
}: {
  pending: boolean;
  /** Also disabled for another reason (the page says which). */
  disabled?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <button disabled={pending || disabled} className={className}>
      {children}
    </button>
  );
}

/**
 * A form posting to a server action: its hidden fields, then its own fields and button (`children`, told whether
 * the action runs), then what the action answered (`ActionOutcome`; `shownOnce` adds what is shown only now).
 */
export function ActionForm({
  action,
  className = "space-y-2",
  testId,
  hidden = {},
  shownOnce,
  children,
}: {
  action: FormAction;
  className?: string;
  testId?: string;
  hidden?: Record<string, string>;
  shownOnce?: (data: ActionState["data"]) => React.ReactNode;
  children: (pending: boolean) => React.ReactNode;
}) {
  const [state, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} className={className} data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(pending)}
      <ActionOutcome state={state}>{shownOnce?.(state.data)}</ActionOutcome>
    </form>
  );
}

/**
 * A second person's decision (a staff grant, a Production publication): its forms until it is made, then only
 * what the action answered.
 */
export function UntilDecided({
  action,
  children,
}: {
  action: FormAction;
  children: (form: { action: (form: FormData) => void; pending: boolean; state: ActionState }) => React.ReactNode;
}) {
  const [state, formAction, pending] = useFormAction(action);
  if (state.ok) return <FormMessage ok>{state.message}</FormMessage>;
  return children({ action: formAction, pending, state });
}
