import { assetCommand } from "@/lib/server/api/asset-command";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";

/** The customer confirms receipt of the newest published version of what Thales gave them. */
export const POST = assetCommand("asset:acknowledge", "ACKNOWLEDGE", acknowledgeVersion);
