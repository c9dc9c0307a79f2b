import { assetCommand } from "@/lib/server/api/asset-command";
import { withdrawVersion } from "@/lib/server/assets/withdraw-version";

/** The customer takes back the version waiting for review (the states the lifecycle's WITHDRAW allows). */
export const POST = assetCommand("asset:withdraw", "WITHDRAW", withdrawVersion);
