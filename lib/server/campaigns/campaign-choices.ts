import "server-only";
import { ENVIRONMENTS, programRules, type Environment, type Program } from "@/lib/pki";
import { CAMPAIGN_KINDS, KINDS, kindLabel } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import {
  connectionTargetWhere,
  offerConnectionTargets,
  type ConnectionTargetFilter,
  type ConnectionTargetOffer,
} from "../connections/list-connection-targets";
import { requireCampaignAccess } from "./campaign-access";
import { tenantWhere } from "../connections/scope";

export type CampaignChoices = {
  /** The kinds a campaign may rotate (CAMPAIGN_KINDS), with the programs each applies to. */
  kinds: { kind: string; label: string; programs: { program: Program; label: string }[] }[];
  /** How many connections each of those programs has in each environment: what "all of them" covers. */
  counts: { program: Program; environment: Environment; count: number }[];
} & ConnectionTargetOffer;

/**
 * What the "New campaign" form offers. A campaign covers all the connections of a program and environment (the form
 * needs only their count) or a ticked subset: those are offered by name only as the filter narrows them (by
 * organization, program, environment), up to one publication's worth, as on the publish page.
 * Thales only: for anyone else campaigns do not exist (NOT_FOUND).
 */
export async function getCampaignChoices({
  db,
  actor,
  filter = {},
  limit,
}: {
  db: Db;
  actor: Actor;
  filter?: Omit<ConnectionTargetFilter, "programs">;
  /** The most connections named (default PUBLISH_TARGET_LIMIT); tests lower it. */
  limit?: number;
}): Promise<CampaignChoices> {
  requireCampaignAccess(actor);
  const kinds = CAMPAIGN_KINDS.map((kind) => ({
    kind,
    label: kindLabel(kind, "THALES"),
    programs: KINDS[kind].programs.map((program) => ({ program, label: programRules(program).label })),
  }));
  const programs = [...new Set(kinds.flatMap((k) => k.programs.map((p) => p.program)))];
  // Campaigns are Thales' (no tenant today); should that change, counts and names stay within the caller's tenancy,
  // as on the publish page.
  const tenant = tenantWhere(actor).organizationId;
  const [counts, offer] = await Promise.all([
    Promise.all(
      programs.flatMap((program) =>
        ENVIRONMENTS.map(async (environment) => ({
          program,
          environment,
          count: await db.connection.count({
            where: connectionTargetWhere({ programs: [program], environment, organizationId: tenant }),
          }),
        })),
      ),
    ),
    offerConnectionTargets(db, { ...filter, programs, organizationId: tenant ?? filter.organizationId }, limit),
  ]);
  return { kinds, counts, ...offer };
}
