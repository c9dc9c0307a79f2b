import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { originFromHeaders } from "@/lib/server/auth/origin";
import { AppError } from "@/lib/server/errors";
import { DOWNLOAD_FORMATS, isDownloadFormat } from "@/lib/assets/download-formats";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { fileErrorResponse, fileResponse } from "@/app/_lib/responses";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const search = new URL(request.url).searchParams;
    const format = search.get("format") ?? "pem";
    const password = search.get("password") ?? undefined;
    if (!isDownloadFormat(format))
      throw new AppError("INVALID_INPUT", `format must be one of ${DOWNLOAD_FORMATS.join(", ")}`);
    const actor = await requireUser();
    return fileResponse(
      await downloadVersion({
        db: getDb(),
        actor,
        versionId: id,
        format,
        password,
        origin: originFromHeaders(request.headers),
      }),
    );
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
