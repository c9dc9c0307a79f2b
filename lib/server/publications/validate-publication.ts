import "server-only";
import { createHash } from "node:crypto";
import { checkPublishedCertificates, hasErrors, type Finding } from "@/lib/pki";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { checkBasePath, checkHost } from "@/lib/assets/host";
import { checkAssetOffThread } from "../pki/check-pool";
import { earliestNotAfter, serializeReport } from "../assets/version-record";

export type PublishContent = { file: Uint8Array | string; filename?: string } | { host: string; basePath: string };

/** What a publication keeps of its content: what the parser understood, never the bytes as sent. */
export type ValidatedPublication = {
  findings: Finding[];
  report: string;
  sha256: string;
  normalizedPem?: string;
  notAfter?: Date | null;
  host?: string;
  basePath?: string;
};

/** Checks Thales material with the same lib/pki rules as the customers' (as a trust store), or a host name. */
export async function validatePublication(
  kind: AssetKind,
  content: PublishContent,
  sample: { program: "d1" | "d1-ecom" | "tsh"; environment: "PPR" | "PRD"; identifier: string },
  now: Date,
): Promise<ValidatedPublication> {
  if ("host" in content) {
    const { host, findings } = checkHost(content.host, 443);
    const { basePath, findings: pathFindings } = checkBasePath(content.basePath);
    findings.push(...pathFindings);
    return {
      findings,
      host,
      basePath,
      report: JSON.stringify({
        verdict: hasErrors(findings) ? "rejected" : "accepted",
        found: `host ${host}${basePath}`,
        certificates: [],
      }),
      sha256: createHash("sha256").update(`${host}${basePath}`).digest("hex"),
    };
  }
  const report = await checkAssetOffThread(content.file, { ...sample, asset: "trust-store", now });
  const findings = checkPublishedCertificates(report, KINDS[kind].publishedLeaf ?? "chain");
  return {
    findings,
    report: serializeReport(report),
    normalizedPem: report.normalizedPem,
    notAfter: earliestNotAfter(report),
    sha256: report.certificates[0]?.sha256 ?? "",
  };
}
