import Link from "next/link";

const TONES = {
  refusal: "border-amber-200 bg-amber-50 text-amber-900",
  failure: "border-red-200 bg-red-50 text-red-900",
} as const;

/**
 * The whole page when the portal cannot show the one asked for: announced (`alert`) and titled; amber when the
 * page is not for this person (403, 404), red when the portal failed.
 */
export function StatusNotice({
  tone,
  title,
  testId,
  children,
}: {
  tone: keyof typeof TONES;
  title: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <main className={`mx-auto mt-16 max-w-lg rounded-lg border p-6 ${TONES[tone]}`} role="alert" data-testid={testId}>
      <h1 className="text-lg font-semibold">{title}</h1>
      {children}
    </main>
  );
}

/** A refusal's foot: the request id support finds in the server log, and the way back in. */
export function RefusalFooter({ requestId }: { requestId: string | undefined }) {
  return (
    <>
      {requestId ? (
        <p className="mt-2 font-mono text-xs" data-testid="error-reference">
          request {requestId}
        </p>
      ) : null}
      <Link href="/" className="mt-3 inline-block text-sm underline">
        Back to the portal
      </Link>
    </>
  );
}
