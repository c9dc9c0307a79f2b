import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { approveAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(approveAsset);
