import { RefusalFooter, StatusNotice } from "@/components/status-notice";
import { currentRequestId } from "./_lib/request-id";

/** Rendered with status 403 when a page calls forbidden() (experimental.authInterrupts). */
export default async function Forbidden() {
  const requestId = await currentRequestId();
  return (
    <StatusNotice tone="refusal" title="Not available for your role">
      <p className="text-sm">Ask an administrator if you need access to this page.</p>
      <RefusalFooter requestId={requestId} />
    </StatusNotice>
  );
}
