import { assetCommandRoute } from "@/lib/server/api/asset-command";
import { issueAsset } from "@/lib/server/assets/asset-commands";

export const POST = assetCommandRoute(issueAsset);
