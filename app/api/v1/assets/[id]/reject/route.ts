import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { parseBody } from "@/lib/server/api/parse-input";
import { REASON_INVALID, RejectBody } from "@/lib/server/api/schemas";
import { rejectAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(rejectAsset, async (request) => {
  const { reason } = await parseBody(request, RejectBody, { invalid: REASON_INVALID });
  return { reason };
});
