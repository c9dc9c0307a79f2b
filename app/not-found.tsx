import Link from "next/link";
import { currentRequestId } from "./_lib/request-id";

/** Rendered with status 404 for an unknown address and whenever a page calls notFound() (same chrome as the 403). */
export default async function NotFound() {
  const requestId = await currentRequestId();
  return (
    <main
      className="mx-auto mt-16 max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900"
      role="alert"
      data-testid="not-found"
    >
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="text-sm">
        This page does not exist, or it belongs to another organization. Check the address, or start again from the
        readiness board.
      </p>
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
