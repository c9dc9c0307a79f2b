"use client";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { CutOverField } from "@/components/publication-inputs";
import { FindingsList } from "@/components/findings-list";
import { FixCommandBox } from "@/components/fix-command-box";
import type { TitledFinding } from "@/lib/pki/findings";
import { DateTime } from "@/components/date-time";
// The module itself, not the "@/lib/pki" barrel nor the finding catalogue: this runs in the browser and needs
// only the limits. The finding's code, severity and title come from the page (tooLargeHeading).
import { fileTooLargeNote, inputTooLargeText, MAX_INPUT_BYTES } from "@/lib/pki/input-limits";
import { FormMessage } from "@/components/form-message";
import { uploadAction, type UploadState } from "./actions";
import { ConfirmWarnings } from "@/components/form-fields";

/**
 * `renews`: the version in force this upload renews with overlap; the form then asks for the cut-over.
 * `placeholder` (the kind's PEM header) and `tooLargeHeading` (INPUT_TOO_LARGE from the catalogue) come from the
 * server page, so the browser loads neither the kind table nor the finding catalogue.
 */
export function UploadForm({
  connectionId,
  kind,
  host,
  placeholder,
  tooLargeHeading,
  renews,
}: {
  connectionId: string;
  kind: string;
  host: boolean;
  placeholder: string;
  tooLargeHeading: Omit<TitledFinding, "message" | "hint">;
  /** `now` is the server's clock, so the relative time hydrates unchanged (components/date-time.tsx). */
  renews?: { label: string; notAfter: string | null; now: string };
}) {
  const [state, dispatch, pending] = useActionState<UploadState, FormData>(uploadAction, {});
  const [dragging, setDragging] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const [localError, setLocalError] = useState<string>();
  const [tooLarge, setTooLarge] = useState<TitledFinding[]>();
  const fileInput = useRef<HTMLInputElement>(null);
  const pastedInput = useRef<HTMLTextAreaElement>(null);
  const report = useRef<HTMLElement>(null);

  function pickFile(files: FileList | null) {
    const file = files?.[0];
    setLocalError(file && file.size > MAX_INPUT_BYTES ? fileTooLargeNote(file.name, file.size) : undefined);
    setFileName(file?.name);
  }

  // Submitting through startTransition (not <form action>) keeps the chosen file after "Check".
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget);
    data.set("intent", submitter?.value ?? "check");
    // Pasted text is checked here too: past Next's server-action body limit the request would not arrive.
    const pasted = data.get("pasted");
    const pastedSize = typeof pasted === "string" ? new Blob([pasted]).size : 0;
    if (pastedSize > MAX_INPUT_BYTES) {
      setTooLarge([{ ...tooLargeHeading, ...inputTooLargeText(pastedSize, "pasted text") }]);
      return;
    }
    setTooLarge(undefined);
    startTransition(() => dispatch(data));
  }

  // A refused private key is not left lying in the form.
  useEffect(() => {
    if (state.findings?.some((f) => f.code === "PRIVATE_KEY_DETECTED")) {
      if (pastedInput.current) pastedInput.current.value = "";
      if (fileInput.current) fileInput.current.value = "";
      // The inputs are uncontrolled DOM state cleared above; the label showing the file name follows them.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setFileName(undefined);
    }
  }, [state]);

  // After "Check" (or a refusal in the browser), the report takes the focus, so keyboard and screen-reader
  // users land on what was found instead of the page body.
  useEffect(() => {
    if (tooLarge || state.findings) report.current?.focus();
  }, [state, tooLarge]);

  const hasWarnings = state.findings?.some((f) => f.severity === "warning");
  const hasErrors = state.findings?.some((f) => f.severity === "error");
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="kind" value={kind} />
      {host ? (
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <label className="text-sm font-medium">
            DNS name of your endpoint
            <input
              name="host"
              required
              placeholder="api.bank.example"
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono"
            />
          </label>
          <label className="text-sm font-medium">
            Port
            <select
              name="port"
              defaultValue="443"
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
            >
              <option value="443">443 (preferred)</option>
              <option value="8443">8443</option>
            </select>
          </label>
        </div>
      ) : (
        <>
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              if (fileInput.current && e.dataTransfer.files.length) {
                fileInput.current.files = e.dataTransfer.files;
                pickFile(e.dataTransfer.files);
              }
            }}
            data-testid="drop-zone"
            className={`rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-blue-600 bg-blue-50" : "border-slate-300 bg-white"}`}
          >
            <p className="mb-2">Drop a file here (PEM, DER, .csr, .cer, .crt, .p7b), or</p>
            {/* The input itself is visually hidden: the label shows its keyboard focus. */}
            <label className="cursor-pointer rounded bg-slate-100 px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-slate-200 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600 has-[:focus-visible]:ring-offset-2">
              Choose file
              <input
                ref={fileInput}
                type="file"
                name="file"
                className="sr-only"
                onChange={(e) => pickFile(e.target.files)}
                data-testid="file-input"
              />
            </label>
            {fileName && (
              <p className="mt-2 font-mono text-xs" data-testid="chosen-file">
                {fileName}
              </p>
            )}
          </div>
          <label className="block text-sm font-medium">
            …or paste PEM text
            <textarea
              ref={pastedInput}
              name="pasted"
              rows={8}
              spellCheck={false}
              className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
              placeholder={placeholder}
            />
          </label>
          <p className="text-xs text-slate-600">
            Never upload a private key: a file containing one is refused whole, and nothing of it is kept.
          </p>
        </>
      )}
      {renews && (
        <CutOverField
          legend="Renewal with overlap"
          explanation={`Once approved${kind === "CUSTOMER_CSR" ? " and issued" : ""}, the new version is in force together with ${renews.label} until the cut-over; then ${renews.label} is retired.`}
          defaultText={
            <>
              Empty: when {renews.label} expires
              {renews.notAfter && (
                <>
                  {" "}
                  (<DateTime at={renews.notAfter} now={renews.now} />)
                </>
              )}
              . A date from now on.
            </>
          }
        />
      )}
      {localError && <FormMessage>{localError}</FormMessage>}
      {state.status === "error" && <FormMessage>{state.message}</FormMessage>}
      {tooLarge && (
        <section
          ref={report}
          tabIndex={-1}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="validation-report"
          data-status="rejected"
        >
          <h2 className="font-semibold">Refused: fix the errors below and upload again</h2>
          <FindingsList findings={tooLarge} />
        </section>
      )}
      {!tooLarge && state.findings && (
        <section
          ref={report}
          tabIndex={-1}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="validation-report"
          data-status={state.status}
        >
          <h2 className="font-semibold">
            {state.status === "rejected"
              ? "Refused: fix the errors below and upload again"
              : state.status === "needs-confirmation"
                ? "Accepted with warnings: confirm to submit"
                : "Check passed"}
          </h2>
          {state.report?.found && (
            <p className="text-sm text-slate-600" data-testid="found">
              Found: {state.report.found}
            </p>
          )}
          {state.report?.csr && (
            <p className="font-mono text-xs">
              CSR subject: {state.report.csr.subject} · {state.report.csr.publicKey}
            </p>
          )}
          {state.report?.certificates?.map((c) => (
            <p key={c.sha256} className="font-mono text-xs">
              {c.role}: {c.subject} (until <DateTime at={c.notAfter} />)
            </p>
          ))}
          <FindingsList findings={state.findings} />
          {state.fix && <FixCommandBox fix={state.fix} />}
        </section>
      )}
      {hasWarnings && !hasErrors && <ConfirmWarnings />}
      <div className="flex gap-2">
        <IntentButton
          intent="check"
          disabled={pending || !!localError}
          className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
        >
          Check
        </IntentButton>
        <IntentButton
          intent="submit"
          disabled={pending || !!localError}
          className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {pending ? "Working…" : "Submit to Thales"}
        </IntentButton>
      </div>
    </form>
  );
}

/** The form posts what the person asks for (`intent`: check only, or submit to Thales) with its button. */
function IntentButton({
  intent,
  disabled,
  className,
  children,
}: {
  intent: "check" | "submit";
  disabled: boolean;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <button type="submit" name="intent" value={intent} disabled={disabled} className={className}>
      {children}
    </button>
  );
}
