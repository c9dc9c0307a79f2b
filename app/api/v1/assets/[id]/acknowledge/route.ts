import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { acknowledgeAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(acknowledgeAsset);
