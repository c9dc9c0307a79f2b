import "server-only";
import type { Environment, Program } from "@/lib/pki";
import { CAMPAIGN_KINDS, KINDS, type AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import { AppError } from "../errors";

export type CampaignScope = {
  kind: AssetKind;
  program: Program;
  environment: Environment;
  /** A chosen subset of the program's connections in that environment; empty or absent: all of them. */
  connectionIds?: string[];
};

/**
 * The connections a campaign rotates, in a stable order: the chosen ones (each must be of the program and
 * environment) or all of them. Refuses a kind that is not rotated by campaign (CAMPAIGN_KINDS) or not of the program.
 */
export async function campaignTargets(db: Db, scope: CampaignScope): Promise<string[]> {
  const { kind, program, environment } = scope;
  if (!CAMPAIGN_KINDS.includes(kind))
    throw new AppError(
      "INVALID_INPUT",
      `A campaign rotates a Thales CA or chain (${CAMPAIGN_KINDS.join(", ")}); ${kind} is published directly.`,
    );
  if (!KINDS[kind].programs.includes(program))
    throw new AppError("INVALID_INPUT", `${KINDS[kind].label} does not apply to ${program}.`);
  const chosen = scope.connectionIds?.length ? [...new Set(scope.connectionIds)] : undefined;
  const connections = await db.connection.findMany({
    where: { environment, identifier: { program }, ...(chosen ? { id: { in: chosen } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (chosen && connections.length !== chosen.length)
    throw new AppError("INVALID_INPUT", `Every chosen connection must be a ${program} ${environment} connection.`);
  if (connections.length === 0) throw new AppError("INVALID_INPUT", `No ${program} ${environment} connection yet.`);
  return connections.map((c) => c.id);
}
