import "server-only";
import type { EventCode, EventPayload } from "@/lib/assets/notification-events";
import type { Tx } from "../db/client";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import type { VersionContext } from "./load-version";

/**
 * Emits the notification event of a use case that moved a loaded version: to the version's organization, naming
 * its connection and the version, plus what that event adds (a reason, the approvals so far).
 */
export function emitVersionEvent(
  tx: Tx,
  version: VersionContext,
  event: { type: EventCode; now: Date; extra?: EventPayload },
): Promise<string> {
  return emitEvent(tx, {
    type: event.type,
    organizationId: version.connection.organizationId,
    now: event.now,
    payload: { ...connectionPayload(version.connection, version), ...event.extra },
  });
}
