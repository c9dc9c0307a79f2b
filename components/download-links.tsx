import { downloadsFor, type KindInfo } from "@/lib/assets/kinds";

/** The formats a version downloads in, as plain links (route handler app/download/versions/[id]). */
export function DownloadLinks({ versionId, info }: { versionId: string; info: KindInfo }) {
  return (
    <span className="inline-flex flex-wrap gap-2 text-xs">
      {downloadsFor(info).map(({ format, label }) => (
        <a key={format} href={`/download/versions/${versionId}?format=${format}`} className="text-blue-800 underline"
          data-testid={`download-${format}`}>
          {label}
        </a>
      ))}
    </span>
  );
}
