import "server-only";
import { hasErrors, type Finding } from "@/lib/pki";
import type { AssetKind } from "@/lib/assets/kinds";
import { needsSecondPerson } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { preparePublication } from "./prepare-publication";
import { targetChanges, type TargetPreview } from "./target-changes";
import type { PublishContent } from "./validate-publication";

export type PublicationPreview =
  | {
      ok: true;
      environment: string;
      needsSecondPerson: boolean;
      findings: Finding[];
      targets: TargetPreview[];
      normalizedPem: string | null;
    }
  | { ok: false; findings: Finding[] };

/** The confirmation step before publishing: checks the content and shows what each target would get. Stores nothing. */
export async function previewPublication(options: {
  db: Db;
  actor: Actor;
  kind: AssetKind;
  connectionIds: string[];
  content: PublishContent;
  now?: Date;
}): Promise<PublicationPreview> {
  const { connections, validated } = await preparePublication({ ...options, now: options.now ?? new Date() });
  if (hasErrors(validated.findings)) return { ok: false, findings: validated.findings };
  const environment = connections[0]!.environment;
  const targets = await targetChanges(
    options.db,
    options.kind,
    {
      normalizedPem: validated.normalizedPem ?? null,
      host: validated.host ?? null,
      basePath: validated.basePath ?? null,
    },
    connections.map((c) => ({ ...c, id: c.id })),
  );
  return {
    ok: true,
    environment,
    needsSecondPerson: needsSecondPerson(environment),
    findings: validated.findings,
    targets,
    normalizedPem: validated.normalizedPem ?? null,
  };
}
