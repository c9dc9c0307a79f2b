"use client";

import { useSyncExternalStore } from "react";
import { StatusNotice } from "@/components/status-notice";

const noSubscription = () => () => {};
const readRequestId = () => document.querySelector('meta[name="portal-request-id"]')?.getAttribute("content") ?? null;

/**
 * Shown when rendering fails unexpectedly. The reference (request id of the page load, and the error
 * digest) appears in the server's JSON log line for the error, so support can find what happened.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // The id is in the page's <meta> (set by the root layout); it never changes while the page lives.
  const requestId = useSyncExternalStore(noSubscription, readRequestId, () => null);
  return (
    <StatusNotice tone="failure" title="Something went wrong on our side">
      <p className="text-sm">Nothing was changed. Try again; if it keeps failing, give support this reference:</p>
      <p className="mt-2 font-mono text-xs" data-testid="error-reference">
        {requestId ? `request ${requestId}` : null}
        {error.digest ? ` · error ${error.digest}` : null}
      </p>
      <button type="button" onClick={reset} className="mt-3 text-sm underline">
        Try again
      </button>
    </StatusNotice>
  );
}
