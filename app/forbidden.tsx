import Link from "next/link";
import { currentRequestId } from "./_lib/request-id";

/** Rendered with status 403 when a page calls forbidden() (experimental.authInterrupts). */
export default async function Forbidden() {
  const requestId = await currentRequestId();
  return (
    <main
      className="mx-auto mt-16 max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900"
      role="alert"
    >
      <h1 className="text-lg font-semibold">Not available for your role</h1>
      <p className="text-sm">Ask an administrator if you need access to this page.</p>
      {requestId ? (
        <p className="mt-2 font-mono text-xs" data-testid="error-reference">
          request {requestId}
        </p>
      ) : null}
      <Link href="/" className="mt-3 inline-block text-sm underline">
        Back to the portal
      </Link>
    </main>
  );
}
