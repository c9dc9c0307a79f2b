import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { DownloadQuery } from "@/lib/server/api/schemas";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { KINDS } from "@/lib/assets/kinds";

export const GET = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const query = parseQuery(
    request,
    DownloadQuery,
    "format must be pem, der, pem-chain, p7b, p12 or jks; version must be a version id.",
  );
  const db = getDb();
  // ?version= picks any version of this asset the caller sees (e.g. the old one during a renewal's overlap);
  // a version of another asset is not found here, whoever may see it elsewhere. The summary reads the newest, the
  // current and the asked-for version only, not the asset's history.
  const asset = await getAssetSummary({ db, actor, assetId: id, versionId: query.version });
  const versionId = query.version ?? asset.currentVersionId ?? asset.versions[0]?.id;
  if (!versionId || !asset.versions.some((v) => v.id === versionId))
    throw new AppError(
      "NOT_FOUND",
      query.version ? "This asset has no such version." : "This asset has no version yet.",
    );
  const format = KINDS[asset.kind].content === "host" ? "txt" : query.format;
  const file = await downloadVersion({ db, actor, versionId, format, password: query.password, origin });
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
