import { AppError } from "@/lib/server/errors";
import { DOWNLOAD_FORMATS, isDownloadFormat } from "@/lib/assets/download-formats";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { fileRoute } from "@/app/_lib/file-route";

export const GET = fileRoute(async (request, id, signedIn) => {
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "pem";
  const password = search.get("password") ?? undefined;
  if (!isDownloadFormat(format))
    throw new AppError("INVALID_INPUT", `format must be one of ${DOWNLOAD_FORMATS.join(", ")}`);
  return downloadVersion({ ...(await signedIn()), versionId: id, format, password });
});
