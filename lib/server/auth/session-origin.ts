import "server-only";
import type { RequestOrigin } from "../actor";

/** Where a session was opened from, as stored on its row (shown in the sessions list), bounded in length. */
export function sessionOrigin(origin: RequestOrigin): { ip: string | null; userAgent: string | null } {
  return { ip: origin.ip?.slice(0, 100) ?? null, userAgent: origin.userAgent?.slice(0, 300) ?? null };
}
