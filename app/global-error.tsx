"use client";

import Link from "next/link";
import { StatusNotice } from "@/components/status-notice";
import "./globals.css";

/**
 * Replaces the root layout when the layout itself fails to render (app/error.tsx covers everything below it),
 * so even then the person sees the portal's words and a way to retry rather than Next's bare page.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <StatusNotice tone="failure" title="Something went wrong on our side">
          <p className="text-sm">Nothing was changed. Try again; if it keeps failing, give support this reference:</p>
          {error.digest ? (
            <p className="mt-2 font-mono text-xs" data-testid="error-reference">
              error {error.digest}
            </p>
          ) : null}
          <button type="button" onClick={reset} className="mt-3 text-sm underline">
            Try again
          </button>
          <Link href="/" className="mt-3 ml-4 inline-block text-sm underline">
            Back to the portal
          </Link>
        </StatusNotice>
      </body>
    </html>
  );
}
