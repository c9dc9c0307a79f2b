/**
 * Download formats, one table: the label the UI shows and which contents each format applies to. A kind
 * offers some of them (KindInfo.downloads); the server accepts any format that applies to the kind's content
 * (lib/server/assets/download-version.ts writes them). Pure data: also imported by client components.
 */
import type { Content } from "./kind-table";

export const DOWNLOAD_FORMAT_TABLE = {
  pem: { label: "PEM", contents: ["csr", "certificate", "certificates"] },
  "pem-chain": { label: "PEM with chain", contents: ["certificate", "certificates"] },
  der: { label: "DER", contents: ["csr", "certificate", "certificates"] },
  p7b: { label: "PKCS#7", contents: ["certificate", "certificates"] },
  p12: { label: "PKCS#12", contents: ["certificate", "certificates"] },
  jks: { label: "JKS", contents: ["certificate", "certificates"] },
  txt: { label: "Text", contents: ["host"] },
} as const satisfies Record<string, { label: string; contents: readonly Content[] }>;

export type DownloadFormat = keyof typeof DOWNLOAD_FORMAT_TABLE;
export const DOWNLOAD_FORMATS = Object.keys(DOWNLOAD_FORMAT_TABLE) as DownloadFormat[];

export const isDownloadFormat = (v: unknown): v is DownloadFormat =>
  typeof v === "string" && Object.hasOwn(DOWNLOAD_FORMAT_TABLE, v);

/** Whether `format` can be produced from a version holding `content`. */
export const formatApplies = (format: DownloadFormat, content: Content): boolean =>
  (DOWNLOAD_FORMAT_TABLE[format].contents as readonly Content[]).includes(content);
