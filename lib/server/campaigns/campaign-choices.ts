import "server-only";
import { isEnvironment, isProgram, programRules, type Environment, type Program } from "@/lib/pki";
import { CAMPAIGN_KINDS, KINDS, kindLabel } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { requireCampaignAccess } from "./campaign-access";

export type CampaignChoices = {
  /** The kinds a campaign may rotate (CAMPAIGN_KINDS), with the programs each applies to. */
  kinds: { kind: string; label: string; programs: { program: Program; label: string }[] }[];
  /** Every connection of those programs, to choose a subset from. */
  connections: { id: string; organization: string; identifier: string; program: Program; environment: Environment }[];
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
  const rows = await db.connection.findMany({
    where: { identifier: { program: { in: programs } } },
    select: {
      id: true,
      environment: true,
      identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
    },
    orderBy: [{ identifier: { organization: { name: "asc" } } }, { identifier: { value: "asc" } }],
  });
  const connections = rows.flatMap((r) =>
    isProgram(r.identifier.program) && isEnvironment(r.environment)
      ? [
          {
            id: r.id,
            organization: r.identifier.organization.name,
            identifier: r.identifier.value,
            program: r.identifier.program,
            environment: r.environment,
          },
        ]
      : [],
  );
  return { kinds, connections };
}
