import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { withdrawAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(withdrawAsset);
