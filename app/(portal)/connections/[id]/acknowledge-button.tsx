"use client";
import { useFormAction } from "@/components/action-form";
import { acknowledgeAction } from "./actions";

export function AcknowledgeButton({ versionId, connectionId }: { versionId: string; connectionId: string }) {
  const [state, action, pending] = useFormAction(acknowledgeAction);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <button
        disabled={pending}
        className="rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white disabled:opacity-60"
      >
        Acknowledge receipt
      </button>
      {state.message && !state.ok && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
