import "server-only";
import type { Environment, Program } from "@/lib/pki";
import { KINDS, PUBLISHED_KINDS } from "@/lib/assets/kinds";
import { PUBLISH_TARGET_LIMIT } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requirePermission } from "../auth/guards";
import { tenantWhere } from "../connections/scope";
import {
  connectionTargetWhere,
  listConnectionTargets,
  type ConnectionTarget,
} from "../connections/list-connection-targets";

export type PublishTargetFilter = { organizationId?: string; program?: Program; environment?: Environment };

export type PublishChoices = {
  /** How many connections the filter matches (of the programs some published kind applies to). */
  total: number;
  /** Those connections, or undefined when there are more than one publication may target: narrow the filter. */
  targets?: ConnectionTarget[];
};

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
  const total = await db.connection.count({ where: connectionTargetWhere(narrowed) });
  if (total > PUBLISH_TARGET_LIMIT) return { total };
  return { total, targets: await listConnectionTargets(db, narrowed) };
}
