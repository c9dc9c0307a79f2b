"use client";
import { ActionForm } from "@/components/action-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { deriveTrustStoreAction } from "./actions";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/**
 * "Submit its CAs as the trust store": the dialog names each CA that will be submitted (subject and SHA-256)
 * before anything is sent; the new trust-store version then goes through the normal review.
 */
export function DeriveTrustStoreForm({
  versionId,
  title,
  cas,
}: {
  versionId: string;
  title: string;
  cas: { subject: string; sha256: string }[];
}) {
  return (
    <ActionForm action={deriveTrustStoreAction} testId="derive-trust-store" hidden={{ versionId }}>
      {(pending) => (
        <ConfirmDialog
          trigger={pending ? "Working…" : "Submit its CAs as the trust store"}
          triggerClassName={`${button} border border-slate-300 bg-white`}
          title={title}
          confirmLabel="Submit as the trust store"
          confirmClassName={`${button} bg-slate-900 text-white`}
          disabled={pending}
          testId="confirm-derive-trust-store"
        >
          <p>
            These {cas.length} CA certificate{cas.length === 1 ? "" : "s"} of the chain become a new version of this
            connection&apos;s server trust store, checked and reviewed by Thales like any upload:
          </p>
          <ul className="list-disc space-y-1 pl-5" data-testid="derived-cas">
            {cas.map((ca) => (
              <li key={ca.sha256}>
                {ca.subject} <span className="break-all font-mono text-xs text-slate-600">SHA-256 {ca.sha256}</span>
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </ActionForm>
  );
}
