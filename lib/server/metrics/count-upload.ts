import "server-only";
import type { Finding } from "@/lib/pki";
import { metrics } from "@/lib/observe/runtime.mjs";

/** Upload verdicts and their finding codes, for /api/metrics (this process's count). */
export function countUploadVerdict(verdict: string, findings: readonly Finding[]): void {
  const { uploads, uploadFindings } = metrics();
  uploads.inc({ verdict });
  for (const finding of findings) uploadFindings.inc({ code: finding.code, severity: finding.severity });
}
