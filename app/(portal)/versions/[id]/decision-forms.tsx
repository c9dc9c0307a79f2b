"use client";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ActionOutcome } from "@/components/form-message";
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

/** The dialog's words, written by the page that knows the version (which CSR, which approval of how many). */
type Confirmation = { title: string; children: React.ReactNode };

export function ApproveForm({
  versionId,
  disabledReason,
  title,
  children,
}: Props & Confirmation & { disabledReason?: string }) {
  const [state, action, pending] = useDecision(approveAction);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <ConfirmDialog
        trigger="Approve"
        triggerClassName={`${button} bg-green-700 text-white`}
        title={title}
        confirmLabel="Approve"
        confirmClassName={`${button} bg-green-700 text-white`}
        disabled={pending || !!disabledReason}
        testId="confirm-approve"
      >
        {children}
      </ConfirmDialog>
      {disabledReason && <p className="text-xs text-slate-600">{disabledReason}</p>}
      <ActionOutcome state={state} />
    </form>
  );
}

/** Withdraw and Sign: irreversible, so each asks first and says what will happen (Sign: the certificate itself). */
export function ConfirmedDecision({
  versionId,
  kind,
  title,
  children,
}: Props & Confirmation & { kind: "withdraw" | "issue" }) {
  const [state, action, pending] = useDecision(kind === "withdraw" ? withdrawAction : issueAction);
  const label = kind === "withdraw" ? "Withdraw" : "Sign with the Thales CA";
  const style = kind === "withdraw" ? "border border-slate-300 bg-white" : "bg-slate-900 text-white";
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <ConfirmDialog
        trigger={pending ? "Working…" : label}
        triggerClassName={`${button} ${style}`}
        title={title}
        confirmLabel={kind === "withdraw" ? "Withdraw" : "Sign and issue"}
        confirmClassName={`${button} ${kind === "withdraw" ? "bg-red-700 text-white" : style}`}
        disabled={pending}
        testId={`confirm-${kind}`}
      >
        {children}
      </ConfirmDialog>
      <ActionOutcome state={state} />
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
      <ActionOutcome state={state} />
    </form>
  );
}

/** Acknowledging receipt is not irreversible in effect (it only says "seen"): one click. */
export function AcknowledgeForm({ versionId }: Props) {
  const [state, action, pending] = useDecision(acknowledgeVersionAction);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <button disabled={pending} className={`${button} bg-slate-900 text-white`}>
        {pending ? "Working…" : "Acknowledge receipt"}
      </button>
      <ActionOutcome state={state} />
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
      <ActionOutcome state={state} />
    </form>
  );
}
