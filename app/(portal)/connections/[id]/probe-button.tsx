"use client";
import { useFormAction } from "@/components/action-form";
import { probeAction } from "./actions";

export function ProbeButton({ connectionId }: { connectionId: string }) {
  const [state, action, pending] = useFormAction(probeAction);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button
        disabled={pending}
        data-testid="probe-button"
        className="rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white disabled:opacity-60"
      >
        {pending ? "Checking…" : "Check endpoint now"}
      </button>
      {state.message && (
        <span
          role={state.ok ? "status" : "alert"}
          className={`ml-2 text-xs ${state.ok ? "text-green-800" : "text-red-700"}`}
        >
          {state.message}
        </span>
      )}
    </form>
  );
}
