import "server-only";
import { headers } from "next/headers";

/** The id scripts/serve.mjs gave this request (also in the X-Request-Id response header and its log line). */
export async function currentRequestId(): Promise<string | undefined> {
  return (await headers()).get("x-request-id") ?? undefined;
}
