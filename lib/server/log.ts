import "server-only";
import { logger, requestContext } from "@/lib/observe/runtime.mjs";

/** An unexpected error caught at an edge (and answered there): one JSON line with the request id. */
export function logError(message: string, error: unknown): void {
  logger().error({ requestId: requestContext()?.requestId ?? null, err: error }, message);
}
