"use client";
import { useId, useRef } from "react";

export type ConfirmDialogProps = {
  /** The button on the page; it only opens the dialog. */
  trigger: React.ReactNode;
  triggerClassName: string;
  /** The dialog's heading and accessible name: the action and its object ("Approve CSR v3 for ACME01 PRD"). */
  title: string;
  /** The button that acts; it submits the form the dialog sits in. */
  confirmLabel: string;
  confirmClassName: string;
  /** What will happen, said before anything is sent. */
  children: React.ReactNode;
  disabled?: boolean;
  testId?: string;
};

/**
 * The second look before an irreversible action. Placed inside the action's <form>: the trigger opens a modal
 * native <dialog> (showModal makes the rest of the page inert, so Tab stays inside it, and Escape cancels), Cancel
 * is focused first so Enter never acts by accident, and only the confirm button submits. Closing returns focus
 * to the trigger (the browser does it for a modal dialog).
 */
export function ConfirmDialog({
  trigger,
  triggerClassName,
  title,
  confirmLabel,
  confirmClassName,
  children,
  disabled,
  testId,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        className={triggerClassName}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        {trigger}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid={testId}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 space-y-2 text-sm">{children}</div>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={close}
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
          >
            Cancel
          </button>
          {/* Submits the surrounding form, then closes (after the click's default action) so its result shows. */}
          <button type="submit" onClick={() => setTimeout(close)} className={confirmClassName}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
