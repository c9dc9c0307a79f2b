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
