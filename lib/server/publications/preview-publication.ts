import "server-only";
import { hasErrors, type Finding } from "@/lib/pki";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { publicationCutOverProblem } from "@/lib/assets/rotation";
import { needsSecondPerson } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { preparePublication } from "./prepare-publication";
import { targetChanges, type TargetPreview } from "./target-changes";
import type { PublishContent } from "./validate-publication";

/** What Thales publishes, where and with which cut-over: the preview's input, and the heart of publishAsset's. */
export type PreviewPublicationOptions = {
  db: Db;
  actor: Actor;
  kind: AssetKind;
  connectionIds: string[];
  content: PublishContent;
  /**
   * For a kind with `overlap`: when the version each target has in force leaves (it stays in every trust-store
   * export beside the new one until then; the preview says until when). Default: PUBLICATION_OVERLAP_DAYS after it
   * is published (lib/assets/rotation.ts), never after the old certificate's expiry.
   */
  cutOverAt?: Date;
  now?: Date;
};

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
export async function previewPublication(options: PreviewPublicationOptions): Promise<PublicationPreview> {
  const now = options.now ?? new Date();
  const problem = options.cutOverAt && publicationCutOverProblem(KINDS[options.kind], options.cutOverAt, now);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const { connections, validated } = await preparePublication({ ...options, now });
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
    { cutOverAt: options.cutOverAt ?? null, now },
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
