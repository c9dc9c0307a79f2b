import "server-only";
import { isIP } from "node:net";
import { outboundRefusal, parseAllowList } from "@/lib/assets/outbound-address";
import { AppError } from "../errors";

/**
 * A webhook URL as entered: HTTPS, a host, at most 2000 characters, no credentials. An IP literal in a
 * refused range is refused at once; names are checked after DNS at every delivery (send-webhook.ts).
 */
export function checkWebhookUrl(input: string, allow: readonly string[]): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError("INVALID_INPUT", "Enter a full https:// URL.");
  }
  if (url.protocol !== "https:")
    throw new AppError("INVALID_INPUT", "Webhooks are delivered over HTTPS only: use an https:// URL.");
  if (trimmed.length > 2000 || url.username || url.password)
    throw new AppError("INVALID_INPUT", "Use an https:// URL without user name or password, at most 2000 characters.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const refusal = outboundRefusal(host, parseAllowList(allow));
    if (refusal) throw new AppError("INVALID_INPUT", `Refused: ${refusal}.`);
  }
  return url.toString();
}
