import "server-only";
import { programRules, type Program } from "@/lib/pki";
import { CAMPAIGN_KINDS, KINDS, kindLabel } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { listConnectionTargets, type ConnectionTarget } from "../connections/list-connection-targets";
import { requireCampaignAccess } from "./campaign-access";

export type CampaignChoices = {
  /** The kinds a campaign may rotate (CAMPAIGN_KINDS), with the programs each applies to. */
  kinds: { kind: string; label: string; programs: { program: Program; label: string }[] }[];
  /** Every connection of those programs, to choose a subset from. */
  connections: ConnectionTarget[];
};

/** What the "New campaign" form offers. Thales only: for anyone else campaigns do not exist (NOT_FOUND). */
export async function getCampaignChoices({ db, actor }: { db: Db; actor: Actor }): Promise<CampaignChoices> {
  requireCampaignAccess(actor);
  const kinds = CAMPAIGN_KINDS.map((kind) => ({
    kind,
    label: kindLabel(kind, "THALES"),
    programs: KINDS[kind].programs.map((program) => ({ program, label: programRules(program).label })),
  }));
  const programs = [...new Set(kinds.flatMap((k) => k.programs.map((p) => p.program)))];
  const connections = await listConnectionTargets(db, { programs });
  return { kinds, connections };
}
