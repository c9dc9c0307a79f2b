import "server-only";
import type { EventPayload } from "@/lib/assets/notification-events";
import type { AssetKind } from "@/lib/assets/kinds";
import type { ConnectionContext } from "../connections/load-connection";

/** The part of every asset event that names the connection: environment and identifier go into subjects. */
export function connectionPayload(
  connection: ConnectionContext,
  version?: { kind: AssetKind; id: string; seq?: number },
): EventPayload {
  return {
    organizationName: connection.organizationName,
    environment: connection.environment,
    identifier: connection.identifier,
    program: connection.program,
    connectionId: connection.id,
    ...(version ? { kind: version.kind, versionId: version.id, seq: version.seq } : {}),
  };
}
