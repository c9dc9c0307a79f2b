"use client";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ActionOutcome } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import { declineRevocationAction, requestRevocationAction, revokeAction } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60";

export type RevocationFormProps = {
  versionId: string;
  /** "revoke": Thales revokes; "confirm": Thales confirms a customer's request; "request": the customer asks. */
  mode: "revoke" | "confirm" | "request";
  reasons: { value: string; label: string }[];
  defaultReason?: string;
  /** What happens, said before the second click: serial, CRL, the exports it leaves. */
  consequences: string;
};

const TITLES = {
  revoke: "Revoke this certificate",
  confirm: "Confirm the revocation",
  request: "Ask Thales to revoke this certificate",
} as const;

/**
 * Two steps: choose the RFC 5280 reason, then read in a dialog what the revocation does (irreversible; what
 * leaves which export; the CRL) and confirm. Nothing is sent before the second click.
 */
export function RevocationForm({ versionId, mode, reasons, defaultReason, consequences }: RevocationFormProps) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    mode === "request" ? requestRevocationAction : revokeAction,
    { ok: false },
  );
  const start = mode === "request" ? "Request revocation…" : mode === "confirm" ? "Confirm revocation…" : "Revoke…";
  const final = mode === "request" ? "Send the revocation request" : "Revoke permanently";
  return (
    <form action={action} className="space-y-2" data-testid={`revocation-form-${mode}`}>
      <input type="hidden" name="versionId" value={versionId} />
      <label className="block text-sm font-medium">
        Reason (RFC 5280)
        <select
          name="reason"
          defaultValue={defaultReason ?? "keyCompromise"}
          className="mt-1 block w-full rounded border border-slate-300 p-1.5 text-sm"
        >
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <ConfirmDialog
        trigger={start}
        triggerClassName={`${button} border border-red-300 bg-white text-red-800`}
        title={TITLES[mode]}
        confirmLabel={pending ? "Working…" : final}
        confirmClassName={`${button} bg-red-700 text-white`}
        disabled={pending}
        testId="revocation-confirmation"
      >
        <p>{consequences}</p>
      </ConfirmDialog>
      <ActionOutcome state={state} />
    </form>
  );
}

export function DeclineRevocationForm({ versionId }: { versionId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(declineRevocationAction, { ok: false });
  return (
    <form action={action} className="space-y-2" data-testid="decline-revocation-form">
      <input type="hidden" name="versionId" value={versionId} />
      <label className="block text-sm font-medium">
        Why decline (the customer reads it)
        <textarea
          name="explanation"
          rows={3}
          className="mt-1 block w-full rounded border border-slate-300 p-2 text-sm"
        />
      </label>
      <button disabled={pending} className={`${button} border border-slate-300 bg-white`}>
        Decline the request
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}
