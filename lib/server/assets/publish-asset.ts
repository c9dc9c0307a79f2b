import "server-only";
import { createHash } from "node:crypto";
import { checkPublishedCertificates, hasErrors, type Environment, type Finding, type Program } from "@/lib/pki";
import { checkAssetOffThread } from "../pki/check-pool";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { checkBasePath, checkHost } from "@/lib/assets/host";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadConnection } from "../connections/load-connection";
import { makeCurrent } from "./apply-transition";
import { earliestNotAfter, originalFields, serializeReport } from "./version-record";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";

export type PublishContent = { file: Uint8Array | string; filename?: string } | { host: string; basePath: string };
export type PublishAssetOptions = { db: Db; actor: Actor; kind: AssetKind; connectionIds: string[]; content: PublishContent; origin?: RequestOrigin; now?: Date };
export type PublishResult = { ok: true; versionIds: string[]; findings: Finding[] } | { ok: false; findings: Finding[] };


async function validate(kind: AssetKind, content: PublishContent, sample: { program: Program; environment: Environment; identifier: string }, now: Date) {
  if ("host" in content) {
    const { host, findings } = checkHost(content.host, 443);
    const { basePath, findings: pathFindings } = checkBasePath(content.basePath);
    findings.push(...pathFindings);
    return { findings, host, basePath, report: JSON.stringify({ verdict: hasErrors(findings) ? "rejected" : "accepted", found: `host ${host}${basePath}`, certificates: [] }), sha256: createHash("sha256").update(`${host}${basePath}`).digest("hex") };
  }
  const report = await checkAssetOffThread(content.file, { ...sample, asset: "trust-store", now });
  const findings = checkPublishedCertificates(report, KINDS[kind].publishedLeaf ?? "chain");
  return { findings, report: serializeReport(report), normalizedPem: report.normalizedPem, notAfter: earliestNotAfter(report), sha256: report.certificates[0]?.sha256 ?? "" };
}

/**
 * Thales publishes one of its kinds to one or many connections of the same environment. Each connection
 * gets its own immutable version, which supersedes the one in force; customers see it as new until they
 * acknowledge it. All connections or none: one transaction.
 */
export async function publishAsset({ db, actor, kind, connectionIds, content, origin, now = new Date() }: PublishAssetOptions): Promise<PublishResult> {
  requirePermission(actor, "asset:publish");
  if (KINDS[kind].providedBy !== "thales-publish") throw new AppError("INVALID_INPUT", `${kind} is not published this way.`);
  const unique = [...new Set(connectionIds)];
  if (unique.length === 0) throw new AppError("INVALID_INPUT", "Choose at least one connection.");
  if (unique.length > 500) throw new AppError("INVALID_INPUT", "Publish to at most 500 connections at once.");
  const connections = await Promise.all(unique.map((id) => loadConnection(db, actor, id)));
  const info = KINDS[kind];
  const environments = new Set(connections.map((c) => c.environment));
  if (environments.size > 1) throw new AppError("INVALID_INPUT", "Publish to one environment at a time: PreProd and Production never mix.");
  const wrong = connections.find((c) => !info.programs.includes(c.program));
  if (wrong) throw new AppError("INVALID_INPUT", `${kind} does not apply to ${wrong.identifier} (${wrong.program}).`);
  if ((info.content === "host") !== "host" in content) throw new AppError("INVALID_INPUT", info.content === "host" ? "Enter a host name and base path." : "Upload a PEM file.");

  const first = connections[0]!;
  const validated = await validate(kind, content, { program: first.program, environment: first.environment, identifier: first.identifier }, now);
  if (hasErrors(validated.findings)) return { ok: false, findings: validated.findings };

  const versionIds = await db.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const connection of connections) {
      const asset = await tx.asset.upsert({
        where: { connectionId_kind: { connectionId: connection.id, kind } },
        create: { id: newId(), connectionId: connection.id, organizationId: connection.organizationId, kind, direction: info.direction },
        update: {},
        select: { id: true },
      });
      const last = await tx.assetVersion.findFirst({ where: { assetId: asset.id }, orderBy: { seq: "desc" }, select: { seq: true } });
      const versionId = newId();
      const file = "file" in content ? content : undefined;
      await tx.assetVersion.create({
        data: {
          id: versionId, assetId: asset.id, organizationId: connection.organizationId, seq: (last?.seq ?? 0) + 1, state: "PUBLISHED",
          stateChangedAt: now, createdAt: now,
          ...originalFields(file),
          normalizedPem: validated.normalizedPem ?? null, host: validated.host ?? null, basePath: validated.basePath ?? null, port: validated.host ? 443 : null,
          sha256: validated.sha256, report: validated.report, findings: JSON.stringify(validated.findings), notAfter: validated.notAfter ?? null, uploadedById: actor.id,
        },
      });
      await makeCurrent(tx, { assetId: asset.id, versionId, organizationId: connection.organizationId, actor, now, origin });
      await recordAudit(tx, {
        action: "asset.published", actor, organizationId: connection.organizationId, target: { type: "AssetVersion", id: versionId },
        after: { state: "PUBLISHED", kind }, details: { connectionId: connection.id, environment: connection.environment, sha256: validated.sha256 }, origin,
      });
      await emitEvent(tx, { type: "asset.published", organizationId: connection.organizationId, now, payload: connectionPayload(connection, { kind, id: versionId, seq: (last?.seq ?? 0) + 1 }) });
      ids.push(versionId);
    }
    return ids;
  });
  return { ok: true, versionIds, findings: validated.findings };
}
