import { downloadsFor, type KindInfo } from "@/lib/assets/kinds";
import { downloadOffered, type VersionState } from "@/lib/assets/lifecycle";

/**
 * The formats a version downloads in, as plain links (route handler app/download/versions/[id]); none for a
 * version the download service refuses (revoked, or a Thales delivery no longer in force).
 */
export function DownloadLinks({ versionId, info, state }: { versionId: string; info: KindInfo; state: VersionState }) {
  if (!downloadOffered(info.direction, state))
    return (
      <span className="text-xs text-slate-600" data-testid="no-download">
        not in force
      </span>
    );
  return (
    <span className="inline-flex flex-wrap gap-2 text-xs">
      {downloadsFor(info).map(({ format, label }) => (
        <a
          key={format}
          href={`/download/versions/${versionId}?format=${format}`}
          className="text-blue-800 underline"
          data-testid={`download-${format}`}
        >
          {label}
        </a>
      ))}
    </span>
  );
}
