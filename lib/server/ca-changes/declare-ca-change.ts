import "server-only";
import { hasErrors, type Finding } from "@/lib/pki";
import { CA_CHANGE_KINDS, caChangeKindRequired, caChangeRetireAt, changeDateProblem } from "@/lib/assets/ca-change";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { requirePermission } from "../auth/guards";
import { recordAudit } from "../audit/record-audit";
import { loadConnection } from "../connections/load-connection";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { uploadAsset, type UploadContent } from "../assets/upload-asset";
import { caChangeConfig, type CaChangeConfig } from "./ca-change-config";

export type DeclareCaChangeOptions = {
  db: Db;
  actor: Actor;
  connectionId: string;
  /** The day the customer's endpoint starts serving the new chain. */
  changeAt: Date;
  /** The new files, by kind (CA_CHANGE_KINDS): the server chain always, the trust store when it changes too. */
  files: Partial<Record<AssetKind, Extract<UploadContent, { file: unknown }>>>;
  confirmWarnings: boolean;
  origin?: RequestOrigin;
  now?: Date;
  config?: CaChangeConfig;
};

export type DeclareCaChangeResult =
  | { status: "stored"; caChangeId: string; retireAt: Date; versions: { kind: AssetKind; versionId: string }[] }
  | { status: "rejected" | "needs-confirmation"; results: { kind: AssetKind; findings: Finding[] }[] };

/**
 * A customer announces that their server chain changes on `changeAt`, at least the notice period ahead. The new
 * chain (and trust store) are uploaded as ordinary versions, reviewed like any upload, with their cut-over at the
 * change date plus the grace period: once approved, the old ones stay in force beside them (lib/assets/rotation.ts)
 * and the retire-versions job drops them then. Every file is checked before any is stored, so a bad file stores
 * nothing; both sides are told.
 */
export async function declareCaChange(options: DeclareCaChangeOptions): Promise<DeclareCaChangeResult> {
  const { db, actor, connectionId, changeAt, files } = options;
  const now = options.now ?? new Date();
  const config = options.config ?? caChangeConfig();
  requirePermission(actor, "asset:upload");
  const connection = await loadConnection(db, actor, connectionId);
  const problem = changeDateProblem(changeAt, now, config.noticeDays);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const kinds = CA_CHANGE_KINDS.filter((kind) => KINDS[kind].programs.includes(connection.program));
  const unknown = Object.keys(files).filter((kind) => !kinds.includes(kind as AssetKind));
  if (unknown.length) throw new AppError("INVALID_INPUT", `A CA change brings no ${unknown.join(", ")}.`);
  const missing = kinds.filter((kind) => caChangeKindRequired(kind) && !files[kind]);
  if (missing.length)
    throw new AppError(
      "INVALID_INPUT",
      `A CA change needs the new ${missing.map((k) => KINDS[k].label.toLowerCase()).join(" and ")}.`,
    );
  const brought = kinds.filter((kind) => files[kind]);
  const retireAt = caChangeRetireAt(changeAt, config.graceDays);
  const upload = (kind: AssetKind, dryRun: boolean) =>
    uploadAsset({
      db,
      actor,
      connectionId: connection.id,
      kind,
      content: files[kind]!,
      confirmWarnings: true,
      cutOverAt: retireAt,
      dryRun,
      origin: options.origin,
      now,
    });

  // Every file is judged first: one refused (or with warnings not yet confirmed) stores none of them.
  const checked: { kind: AssetKind; findings: Finding[] }[] = [];
  for (const kind of brought) checked.push({ kind, findings: (await upload(kind, true)).findings });
  if (checked.some((c) => hasErrors(c.findings))) return { status: "rejected", results: checked };
  if (!options.confirmWarnings && checked.some((c) => c.findings.some((f) => f.severity === "warning")))
    return { status: "needs-confirmation", results: checked };

  const versions: { kind: AssetKind; versionId: string }[] = [];
  for (const kind of brought) {
    const stored = await upload(kind, false);
    if (stored.status !== "stored") throw new AppError("CONFLICT");
    versions.push({ kind, versionId: stored.versionId });
  }
  const caChangeId = newId();
  await db.$transaction(async (tx) => {
    await tx.caChange.create({
      data: {
        id: caChangeId,
        organizationId: connection.organizationId,
        connectionId: connection.id,
        changeAt,
        retireAt,
        versionIds: JSON.stringify(versions.map((v) => v.versionId)),
        declaredById: actor.id,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      action: "ca-change.declared",
      actor,
      organizationId: connection.organizationId,
      target: { type: "CaChange", id: caChangeId },
      details: {
        connectionId: connection.id,
        changeAt: changeAt.toISOString(),
        retireAt: retireAt.toISOString(),
        versions: versions.map((v) => v.versionId),
      },
      origin: options.origin,
    });
    await emitEvent(tx, {
      type: "ca_change.declared",
      organizationId: connection.organizationId,
      now,
      payload: { ...connectionPayload(connection), changeAt: changeAt.toISOString(), cutOver: retireAt.toISOString() },
    });
  });
  return { status: "stored", caChangeId, retireAt, versions };
}
