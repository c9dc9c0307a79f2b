"use client";
import { SubmitButton, UntilDecided } from "@/components/action-form";
import { FormMessage } from "@/components/form-message";
import { decidePublicationAction } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60";

/** Approve (with a confirmation tick: it changes Production trust stores) or refuse with a reason. */
export function PublicationDecision({
  requestId,
  blockedBecause,
}: {
  requestId: string;
  blockedBecause: string | null;
}) {
  return (
    <UntilDecided action={decidePublicationAction}>
      {({ action, pending, state }) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <form action={action} className="space-y-2 rounded border border-slate-200 bg-white p-3">
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="decision" value="APPROVE" />
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" required name="confirm" /> I checked the targets and the certificates each
              customer&apos;s trust store gains and loses.
            </label>
            <SubmitButton pending={pending} disabled={!!blockedBecause} className={`${button} bg-green-700`}>
              Approve and publish
            </SubmitButton>
            {blockedBecause && (
              <p className="text-xs text-slate-600" data-testid="approval-blocked">
                {blockedBecause}
              </p>
            )}
          </form>
          <form action={action} className="space-y-2 rounded border border-slate-200 bg-white p-3">
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="decision" value="REFUSE" />
            <label className="block text-sm font-medium">
              Reason
              <textarea
                name="reason"
                rows={2}
                className="mt-1 block w-full rounded border border-slate-300 p-2 text-sm"
              />
            </label>
            <SubmitButton pending={pending} className={`${button} bg-red-700`}>
              Refuse
            </SubmitButton>
          </form>
          {state.message && (
            <div className="sm:col-span-2">
              <FormMessage ok={state.ok}>{state.message}</FormMessage>
            </div>
          )}
        </div>
      )}
    </UntilDecided>
  );
}
