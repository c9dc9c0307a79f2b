export function ForbiddenNotice() {
  return (
    <section role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">
      <h1 className="text-lg font-semibold">Not available for your role</h1>
      <p className="text-sm">Ask an administrator if you need access to this page.</p>
    </section>
  );
}
