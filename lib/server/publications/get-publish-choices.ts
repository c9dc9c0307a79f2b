import "server-only";
import type { Environment, Program } from "@/lib/pki";
import { KINDS, PUBLISHED_KINDS } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { tenantWhere } from "../connections/scope";
import { offerConnectionTargets, type ConnectionTargetOffer } from "../connections/list-connection-targets";

export type PublishTargetFilter = { organizationId?: string; program?: Program; environment?: Environment };

/** The connections the filter matches (of the programs some published kind applies to), named up to the limit. */
export type PublishChoices = ConnectionTargetOffer;

const PUBLISHED_PROGRAMS = [...new Set(PUBLISHED_KINDS.flatMap((kind) => KINDS[kind].programs))];

/**
 * The connections the publish form offers, narrowed by organization, program and environment: names only, no
 * readiness. Past PUBLISH_TARGET_LIMIT it says how many match instead of listing them, so every list it gives can
 * be ticked whole and published in one go (prepare-publication refuses more).
 */
export async function getPublishChoices({
  db,
  actor,
  filter = {},
}: {
  db: Db;
  actor: Actor;
  filter?: PublishTargetFilter;
}): Promise<PublishChoices> {
  requirePermission(actor, "asset:publish");
  const tenant = tenantWhere(actor).organizationId;
  const narrowed = { programs: PUBLISHED_PROGRAMS, ...filter, organizationId: tenant ?? filter.organizationId };
  return offerConnectionTargets(db, narrowed);
}
