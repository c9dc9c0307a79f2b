import "server-only";
import { hasErrors, type Finding } from "@/lib/pki";
import { KINDS } from "@/lib/assets/kinds";
import { publicationCutOverProblem } from "@/lib/assets/rotation";
import { needsSecondPerson, publicationTimeoutMs } from "@/lib/assets/publication";
import { secondPersonProblem } from "@/lib/assets/separation";
import { thalesRolesFor } from "@/lib/assets/notification-events";
import type { Tx } from "../db/client";
import type { RequestOrigin } from "../actor";
import { newId } from "../ids";
import { AppError } from "../errors";
import { originalFields } from "./version-record";
import { recordAudit } from "../audit/record-audit";
import { applyPublication } from "../publications/apply-publication";
import { preparePublication } from "../publications/prepare-publication";
import { emitEvent } from "../notifications/emit-event";
import { barredStaff, loadStaffPerson } from "../grants/staff-person";
import { connectionPayload } from "../notifications/payload";
import type { PreviewPublicationOptions } from "../publications/preview-publication";

export type { PublishContent } from "../publications/validate-publication";
export type PublishAssetOptions = PreviewPublicationOptions & {
  /** Rows a caller writes with the request, in its transaction (a rotation campaign links itself to it). */
  alongside?: (tx: Tx, requestId: string) => Promise<void>;
  origin?: RequestOrigin;
};
export type PublishResult =
  | { ok: true; requestId: string; state: "PUBLISHED" | "PENDING"; versionIds: string[]; findings: Finding[] }
  | { ok: false; findings: Finding[] };

/**
 * Thales publishes one of its kinds to one or many connections of the same environment, as a publication request
 * (lib/assets/publication.ts). On PreProd it is in force at once: each connection gets its own immutable version,
 * which supersedes the one in force, and customers see it as new until they acknowledge it. On Production it waits
 * for a second, distinct staff member (lib/server/publications/decide-publication.ts); nothing changes until then.
 * All connections or none: one transaction.
 */
export async function publishAsset({
  db,
  actor,
  kind,
  connectionIds,
  content,
  cutOverAt,
  alongside,
  origin,
  now = new Date(),
}: PublishAssetOptions): Promise<PublishResult> {
  const problem = cutOverAt && publicationCutOverProblem(KINDS[kind], cutOverAt, now);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const { connections, validated } = await preparePublication({ db, actor, kind, connectionIds, content, now });
  const first = connections[0]!;
  if (hasErrors(validated.findings)) return { ok: false, findings: validated.findings };

  const pending = needsSecondPerson(first.environment);
  const request = {
    id: newId(),
    kind,
    environment: first.environment,
    requestedById: actor.id,
    normalizedPem: validated.normalizedPem ?? null,
    host: validated.host ?? null,
    basePath: validated.basePath ?? null,
    port: validated.host ? 443 : null,
    sha256: validated.sha256,
    report: validated.report,
    findings: JSON.stringify(validated.findings),
    notAfter: validated.notAfter ?? null,
    cutOverAt: cutOverAt ?? null,
    ...originalFields("file" in content ? content : undefined),
  };
  const versionIds = await db.$transaction(
    async (tx) => {
      await tx.publicationRequest.create({
        data: {
          ...request,
          state: pending ? "PENDING" : "PUBLISHED",
          createdAt: now,
          ...(pending ? {} : { decidedAt: now }),
        },
      });
      const targets = connections.map((c) => ({
        id: newId(),
        requestId: request.id,
        connectionId: c.id,
        organizationId: c.organizationId,
      }));
      await tx.publicationTarget.createMany({ data: targets });
      await alongside?.(tx, request.id);
      await recordAudit(tx, {
        action: pending ? "publication.requested" : "publication.published-preprod",
        actor,
        organizationId: null,
        target: { type: "PublicationRequest", id: request.id },
        after: { state: pending ? "PENDING" : "PUBLISHED", kind, environment: first.environment },
        details: {
          connectionIds: connections.map((c) => c.id),
          sha256: validated.sha256,
          ...(cutOverAt ? { cutOverAt: cutOverAt.toISOString() } : {}),
        },
        origin,
      });
      if (pending) {
        // To everyone who may approve it, in this transaction: the requester and their puppets are left out.
        const requester = await loadStaffPerson(tx, actor.id);
        const exceptUserIds = await barredStaff(
          tx,
          thalesRolesFor("publication.awaiting_approval"),
          (person) => secondPersonProblem(requester, person) !== null,
        );
        // One target names its connection (subject "[PRD] ACME01 · …"); several are counted.
        const where = connections.length === 1 ? connectionPayload(first) : { environment: first.environment };
        const payload = {
          ...where,
          kind,
          publicationRequestId: request.id,
          targets: connections.length,
          requestedBy: actor.email,
        };
        await emitEvent(tx, {
          type: "publication.awaiting_approval",
          organizationId: null,
          now,
          payload,
          exceptUserIds,
        });
        return [];
      }
      return applyPublication(tx, request, targets, actor, now, origin);
    },
    { timeout: publicationTimeoutMs(connections.length) },
  );
  return {
    ok: true,
    requestId: request.id,
    state: pending ? "PENDING" : "PUBLISHED",
    versionIds,
    findings: validated.findings,
  };
}
