"use client";
import { startTransition, useActionState } from "react";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import { declareCaChangeAction, type CaChangeState } from "./actions";
import { ConfirmWarnings } from "@/components/form-fields";

/** `kinds`: what the change brings (server chain required, trust store when the CA is private). */
export function CaChangeForm({
  connectionId,
  earliest,
  kinds,
}: {
  connectionId: string;
  earliest: string;
  kinds: { kind: string; label: string; required: boolean }[];
}) {
  const [state, dispatch, pending] = useActionState<CaChangeState, FormData>(declareCaChangeAction, {});
  const findings = state.results?.flatMap((r) => r.findings) ?? [];
  const hasWarnings = findings.some((f) => f.severity === "warning");
  const hasErrors = findings.some((f) => f.severity === "error");
  // Submitting through startTransition (not <form action>) keeps the date and files after a warning to confirm.
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label className="block text-sm font-medium">
        Change date (UTC)
        <input
          type="date"
          name="changeAt"
          required
          min={earliest}
          className="mt-1 block rounded border border-slate-300 px-2 py-1 font-mono"
          aria-describedby="change-date-note"
        />
      </label>
      <p id="change-date-note" className="text-xs text-slate-600">
        {earliest} at the earliest: Thales needs the notice to review and install the new chain.
      </p>
      {kinds.map(({ kind, label, required }) => (
        <fieldset key={kind} className="space-y-2 rounded border border-slate-200 bg-white p-3" data-kind={kind}>
          <legend className="px-1 text-sm font-medium">
            New {label.toLowerCase()} {required ? "" : "(if your CA is not publicly trusted)"}
          </legend>
          <label className="block text-sm">
            File <input type="file" name={`file:${kind}`} className="text-sm" />
          </label>
          <label className="block text-sm">
            …or paste PEM text: {label}
            <textarea
              name={`pasted:${kind}`}
              rows={6}
              spellCheck={false}
              className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
              placeholder="-----BEGIN CERTIFICATE-----"
            />
          </label>
          {state.results?.find((r) => r.kind === kind)?.findings.length ? (
            <FindingsList findings={state.results.find((r) => r.kind === kind)!.findings} />
          ) : null}
        </fieldset>
      ))}
      {state.status === "error" && <FormMessage>{state.message}</FormMessage>}
      {state.status === "rejected" && <FormMessage>Refused: fix the errors below; nothing was stored.</FormMessage>}
      {state.status === "needs-confirmation" && (
        <FormMessage>Accepted with warnings: read them, confirm and announce again.</FormMessage>
      )}
      {hasWarnings && !hasErrors && <ConfirmWarnings />}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? "Working…" : "Announce the CA change"}
      </button>
    </form>
  );
}
