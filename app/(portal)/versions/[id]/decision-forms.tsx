"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import {
  acknowledgeVersionAction,
  approveAction,
  attachAction,
  issueAction,
  rejectAction,
  withdrawAction,
} from "./actions";

type Props = { versionId: string };
const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60";

function useDecision(action: (p: ActionState, f: FormData) => Promise<ActionState>) {
  return useActionState<ActionState, FormData>(action, { ok: false });
}

function Result({ state }: { state: ActionState }) {
  return state.message ? <FormMessage ok={state.ok}>{state.message}</FormMessage> : null;
}

export function ApproveForm({ versionId, disabledReason }: Props & { disabledReason?: string }) {
  const [state, action, pending] = useDecision(approveAction);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <button disabled={pending || !!disabledReason} className={`${button} bg-green-700 text-white`}>
        Approve
      </button>
      {disabledReason && <p className="text-xs text-slate-600">{disabledReason}</p>}
      <Result state={state} />
    </form>
  );
}

export function RejectForm({ versionId }: Props) {
  const [state, action, pending] = useDecision(rejectAction);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <label className="block text-sm font-medium">
        Reason for the customer
        <textarea
          name="reason"
          rows={3}
          className="mt-1 block w-full rounded border border-slate-300 p-2 text-sm"
          placeholder="What is wrong and what to do"
        />
      </label>
      <button disabled={pending} className={`${button} bg-red-700 text-white`}>
        Reject
      </button>
      <Result state={state} />
    </form>
  );
}

export function SimpleDecision({ versionId, kind }: Props & { kind: "withdraw" | "acknowledge" | "issue" }) {
  const [state, action, pending] = useDecision(
    kind === "withdraw" ? withdrawAction : kind === "acknowledge" ? acknowledgeVersionAction : issueAction,
  );
  const label =
    kind === "withdraw" ? "Withdraw" : kind === "acknowledge" ? "Acknowledge receipt" : "Sign with the Thales CA";
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <button
        disabled={pending}
        className={`${button} ${kind === "withdraw" ? "border border-slate-300 bg-white" : "bg-slate-900 text-white"}`}
      >
        {pending ? "Working…" : label}
      </button>
      <Result state={state} />
    </form>
  );
}

export function AttachForm({ versionId }: Props) {
  const [state, action, pending] = useDecision(attachAction);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <label className="block text-sm">
        Certificate signed elsewhere (PEM or DER)
        <input type="file" name="file" className="mt-1 block text-sm" />
      </label>
      <textarea
        name="pasted"
        rows={4}
        className="block w-full rounded border border-slate-300 p-2 font-mono text-xs"
        placeholder="…or paste -----BEGIN CERTIFICATE-----"
      />
      <button disabled={pending} className={`${button} border border-slate-300 bg-white`}>
        Verify and attach
      </button>
      <Result state={state} />
    </form>
  );
}
