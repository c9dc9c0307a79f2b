"use client";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
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

/** The dialog's words, written by the page that knows the version (which CSR, which approval of how many). */
type Confirmation = { title: string; children: React.ReactNode };

export function ApproveForm({
  versionId,
  disabledReason,
  title,
  children,
}: Props & Confirmation & { disabledReason?: string }) {
  return (
    <ActionForm action={approveAction} hidden={{ versionId }}>
      {(pending) => (
        <>
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
        </>
      )}
    </ActionForm>
  );
}

/** Withdraw and Sign: irreversible, so each asks first and says what will happen (Sign: the certificate itself). */
export function ConfirmedDecision({
  versionId,
  kind,
  title,
  children,
}: Props & Confirmation & { kind: "withdraw" | "issue" }) {
  const label = kind === "withdraw" ? "Withdraw" : "Sign with the Thales CA";
  const style = kind === "withdraw" ? "border border-slate-300 bg-white" : "bg-slate-900 text-white";
  return (
    <ActionForm action={kind === "withdraw" ? withdrawAction : issueAction} hidden={{ versionId }}>
      {(pending) => (
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
      )}
    </ActionForm>
  );
}

export function RejectForm({ versionId }: Props) {
  return (
    <ActionForm action={rejectAction} hidden={{ versionId }}>
      {(pending) => (
        <>
          <label className="block text-sm font-medium">
            Reason for the customer
            <textarea
              name="reason"
              rows={3}
              className="mt-1 block w-full rounded border border-slate-300 p-2 text-sm"
              placeholder="What is wrong and what to do"
            />
          </label>
          <SubmitButton pending={pending} className={`${button} bg-red-700 text-white`}>
            Reject
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** Acknowledging receipt is not irreversible in effect (it only says "seen"): one click. */
export function AcknowledgeForm({ versionId }: Props) {
  return (
    <ActionForm action={acknowledgeVersionAction} hidden={{ versionId }}>
      {(pending) => (
        <SubmitButton pending={pending} className={`${button} bg-slate-900 text-white`}>
          {pending ? "Working…" : "Acknowledge receipt"}
        </SubmitButton>
      )}
    </ActionForm>
  );
}

export function AttachForm({ versionId }: Props) {
  return (
    <ActionForm action={attachAction} hidden={{ versionId }}>
      {(pending) => (
        <>
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
          <SubmitButton pending={pending} className={`${button} border border-slate-300 bg-white`}>
            Verify and attach
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
