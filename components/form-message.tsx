/** The one place a form says what went right or wrong; `alert` so screen readers announce it. */
export function FormMessage({
  ok,
  children,
  testId = "form-message",
}: {
  ok?: boolean;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div
      role={ok ? "status" : "alert"}
      data-testid={testId}
      className={`rounded border px-3 py-2 text-sm ${ok ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-800"}`}
    >
      {children}
    </div>
  );
}

/** What a server action answered, once it has answered; `children` add to the message (a secret shown once). */
export function ActionOutcome({
  state,
  children,
}: {
  state: { ok: boolean; message?: string };
  children?: React.ReactNode;
}) {
  if (!state.message) return null;
  return (
    <FormMessage ok={state.ok}>
      {state.message}
      {children}
    </FormMessage>
  );
}

/** A secret the portal keeps only a hash of: shown this once, whole and selectable, to be copied now. */
export function ShownOnce({ value, testId }: { value: string | undefined; testId: string }) {
  if (!value) return null;
  return (
    <code data-testid={testId} className="mt-1 block break-all rounded bg-white p-2 font-mono text-xs">
      {value}
    </code>
  );
}
