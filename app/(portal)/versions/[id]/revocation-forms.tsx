"use client";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Options } from "@/components/form-fields";
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
  const start = mode === "request" ? "Request revocation…" : mode === "confirm" ? "Confirm revocation…" : "Revoke…";
  const final = mode === "request" ? "Send the revocation request" : "Revoke permanently";
  return (
    <ActionForm
      action={mode === "request" ? requestRevocationAction : revokeAction}
      testId={`revocation-form-${mode}`}
      hidden={{ versionId }}
    >
      {(pending) => (
        <>
          <label className="block text-sm font-medium">
            Reason (RFC 5280)
            <select
              name="reason"
              defaultValue={defaultReason ?? "keyCompromise"}
              className="mt-1 block w-full rounded border border-slate-300 p-1.5 text-sm"
            >
              <Options options={reasons} />
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
        </>
      )}
    </ActionForm>
  );
}

export function DeclineRevocationForm({ versionId }: { versionId: string }) {
  return (
    <ActionForm action={declineRevocationAction} testId="decline-revocation-form" hidden={{ versionId }}>
      {(pending) => (
        <>
          <label className="block text-sm font-medium">
            Why decline (the customer reads it)
            <textarea
              name="explanation"
              rows={3}
              className="mt-1 block w-full rounded border border-slate-300 p-2 text-sm"
            />
          </label>
          <SubmitButton pending={pending} className={`${button} border border-slate-300 bg-white`}>
            Decline the request
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
