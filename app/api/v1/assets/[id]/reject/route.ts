import { AppError } from "@/lib/server/errors";
import { readJson } from "@/lib/server/api/http";
import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { RejectBody } from "@/lib/server/api/schemas";
import { rejectAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(rejectAsset, async (request) => {
  const body = RejectBody.safeParse(await readJson(request));
  if (!body.success) throw new AppError("INVALID_INPUT", 'Give a reason of 3 to 2000 characters: { "reason": "…" }.');
  return { reason: body.data.reason };
});
