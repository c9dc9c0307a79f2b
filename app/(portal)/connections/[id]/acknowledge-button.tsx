"use client";
import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/request";
import { acknowledgeAction } from "./actions";

export function AcknowledgeButton({ versionId, connectionId }: { versionId: string; connectionId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(acknowledgeAction, { ok: false });
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
