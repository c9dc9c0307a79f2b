import type { KindInfo } from "@/lib/assets/kinds";

/** The formats a version downloads in, as plain links (route handler app/download/versions/[id]). */
export function DownloadLinks({ versionId, info }: { versionId: string; info: KindInfo }) {
  const formats: [string, string][] =
    info.content === "host" ? [["txt", "Text"]]
    : info.content === "csr" ? [["pem", "PEM"], ["der", "DER"]]
    : info.kind === "ISSUED_TLS_CLIENT_CERTIFICATE"
      ? [["pem", "PEM"], ["pem-chain", "PEM with chain"], ["der", "DER"], ["p7b", "PKCS#7"], ["p12", "PKCS#12"], ["jks", "JKS"]]
    : [["pem", "PEM"], ["der", "DER (first)"], ["p7b", "PKCS#7"], ["p12", "PKCS#12"], ["jks", "JKS"]];
  return (
    <span className="inline-flex flex-wrap gap-2 text-xs">
      {formats.map(([format, label]) => (
        <a key={format} href={`/download/versions/${versionId}?format=${format}`} className="text-blue-800 underline" data-testid={`download-${format}`}>
          {label}
        </a>
      ))}
    </span>
  );
}
