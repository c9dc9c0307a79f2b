import "server-only";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { PUBLISH_TARGET_LIMIT } from "@/lib/assets/publication";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { loadConnection, type ConnectionContext } from "../connections/load-connection";
import { validatePublication, type PublishContent, type ValidatedPublication } from "./validate-publication";

export type PreparePublicationOptions = {
  db: Db;
  actor: Actor;
  kind: AssetKind;
  connectionIds: string[];
  content: PublishContent;
  now: Date;
};

/** Authorizes, loads the targets (one environment, programs the kind applies to) and validates the content. */
export async function preparePublication({
  db,
  actor,
  kind,
  connectionIds,
  content,
  now,
}: PreparePublicationOptions): Promise<{ connections: ConnectionContext[]; validated: ValidatedPublication }> {
  requirePermission(actor, "asset:publish");
  if (KINDS[kind].providedBy !== "thales-publish")
    throw new AppError("INVALID_INPUT", `${kind} is not published this way.`);
  const unique = [...new Set(connectionIds)];
  if (unique.length === 0) throw new AppError("INVALID_INPUT", "Choose at least one connection.");
  if (unique.length > PUBLISH_TARGET_LIMIT)
    throw new AppError("INVALID_INPUT", `Publish to at most ${PUBLISH_TARGET_LIMIT} connections at once.`);
  const connections = await Promise.all(unique.map((id) => loadConnection(db, actor, id)));
  const info = KINDS[kind];
  const environments = new Set(connections.map((c) => c.environment));
  if (environments.size > 1)
    throw new AppError("INVALID_INPUT", "Publish to one environment at a time: PreProd and Production never mix.");
  const wrong = connections.find((c) => !info.programs.includes(c.program));
  if (wrong) throw new AppError("INVALID_INPUT", `${kind} does not apply to ${wrong.identifier} (${wrong.program}).`);
  if ((info.content === "host") !== "host" in content)
    throw new AppError(
      "INVALID_INPUT",
      info.content === "host" ? "Enter a host name and base path." : "Upload a PEM file.",
    );
  const first = connections[0]!;
  const validated = await validatePublication(
    kind,
    content,
    { program: first.program, environment: first.environment, identifier: first.identifier },
    now,
  );
  return { connections, validated };
}
