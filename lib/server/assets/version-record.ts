import "server-only";
import { createHash } from "node:crypto";
import { keyPins, type CheckReport, type Finding } from "@/lib/pki";
import { normalizeSerial, subjectSearchText } from "@/lib/assets/search";

/**
 * What a version keeps of the upload itself: its SHA-256, size and name, never its bytes. Only what the parser
 * understood is stored (normalizedPem), so nothing it did not look at, a key included, can end up in the database.
 */
export function originalFields(file: { file: Uint8Array | string; filename?: string } | undefined) {
  if (!file) return { originalSha256: null, originalSize: null, originalFilename: null };
  const bytes = typeof file.file === "string" ? Buffer.from(file.file, "utf8") : file.file;
  return {
    originalSha256: createHash("sha256").update(bytes).digest("hex"),
    originalSize: bytes.length,
    originalFilename: file.filename?.slice(0, 255) ?? null,
  };
}

/** What a version keeps of the lib/pki report: everything the detail view shows, no raw DER. */
export type StoredReport = {
  verdict: CheckReport["verdict"];
  found: string;
  certificates: CheckReport["certificates"];
  csr?: CheckReport["csr"];
  anchoredInMozilla?: boolean;
};

/** Binary fields (DER, SPKI bytes) are dropped: they are in normalizedPem already. */
export function serializeReport(report: CheckReport): string {
  const stored: StoredReport = {
    verdict: report.verdict,
    found: report.found,
    certificates: report.certificates,
    csr: report.csr,
    anchoredInMozilla: report.anchoredInMozilla,
  };
  return JSON.stringify(stored, (_key, value) => (value instanceof Uint8Array ? undefined : value));
}

export function parseStoredReport(json: string): StoredReport {
  return JSON.parse(json) as StoredReport;
}

export function parseFindings(json: string): Finding[] {
  return JSON.parse(json) as Finding[];
}

/** The earliest notAfter among the certificates: when this version stops working. */
export function earliestNotAfter(report: CheckReport): Date | null {
  const times = report.certificates.map((c) => Date.parse(c.notAfter)).filter((t) => Number.isFinite(t));
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The fingerprint a version is known by: leaf certificate or CSR DER SHA-256. */
export function primaryFingerprint(report: CheckReport): string | undefined {
  return report.certificates[0]?.sha256 ?? report.csr?.details.sha256;
}

/**
 * The lookup columns of a version, written with every version: for search (lib/assets/search.ts) its first
 * certificate's serial and subject (the leaf of a chain, the certificate itself), else the CSR's subject; for
 * ENVIRONMENT_MIXUP the pin of its key (`keyPins`: its CSR's, else its first certificate's), so an upload finds a
 * sibling environment's version holding the same key by an index seek instead of parsing every report of that asset's history. Null for
 * hosts.
 */
export function lookupColumns(reportJson: string): {
  serialHex: string | null;
  subjectSearch: string | null;
  keyPin: string | null;
} {
  const report = parseStoredReport(reportJson);
  const first = report.certificates?.[0];
  return {
    serialHex: first?.serialNumber ? normalizeSerial(first.serialNumber) : null,
    subjectSearch: subjectSearchText(first?.subject ?? report.csr?.subject),
    keyPin: keyPins({ certificates: report.certificates ?? [], csr: report.csr })[0] ?? null,
  };
}
