import "server-only";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Tx } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { loadConnection } from "../connections/load-connection";

export type PublishedVersion = {
  action: "asset.published" | "asset.auto-applied";
  version: { id: string; seq: number; kind: AssetKind; sha256: string };
  target: { connectionId: string; organizationId: string; environment: string };
  /** What the audit adds after connection, environment and digest: the request, or the copied version. */
  details: Record<string, unknown>;
  actor: Actor;
  now: Date;
  origin?: RequestOrigin;
};

/**
 * Inside the caller's transaction, once a Thales asset is in force on a customer's connection
 * (`putPublishedVersion`): the audit event (`action` says why: a publication, or a copy onto a new identifier's
 * connection) and the customer's `asset.published` notification, the same for both so the customer cannot tell a
 * copy from a publication (decision 029).
 */
export async function announcePublished(tx: Tx, published: PublishedVersion): Promise<void> {
  const { version, target, actor, now, origin } = published;
  await recordAudit(tx, {
    action: published.action,
    actor,
    organizationId: target.organizationId,
    target: { type: "AssetVersion", id: version.id },
    after: { state: "PUBLISHED", kind: version.kind },
    details: {
      connectionId: target.connectionId,
      environment: target.environment,
      sha256: version.sha256,
      ...published.details,
    },
    origin,
  });
  await emitEvent(tx, {
    type: "asset.published",
    organizationId: target.organizationId,
    now,
    payload: connectionPayload(await loadConnection(tx, actor, target.connectionId), {
      kind: version.kind,
      id: version.id,
      seq: version.seq,
    }),
  });
}
