import { RefusalFooter, StatusNotice } from "@/components/status-notice";
import { currentRequestId } from "./_lib/request-id";

/** Rendered with status 404 for an unknown address and whenever a page calls notFound() (same chrome as the 403). */
export default async function NotFound() {
  const requestId = await currentRequestId();
  return (
    <StatusNotice tone="refusal" title="Page not found" testId="not-found">
      <p className="text-sm">
        This page does not exist, or it belongs to another organization. Check the address, or start again from the
        readiness board.
      </p>
      <RefusalFooter requestId={requestId} />
    </StatusNotice>
  );
}
