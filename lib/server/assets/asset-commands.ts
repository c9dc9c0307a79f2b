import "server-only";
import { KINDS, isAssetKind, type AssetKind } from "@/lib/assets/kinds";
import { statesAllowing, type LifecycleEvent, type VersionState } from "@/lib/assets/lifecycle";
import type { Action } from "@/lib/assets/permissions";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { requirePermission } from "../auth/guards";
import { tenantWhere } from "../connections/scope";
import { approveVersion } from "./approve-version";
import { rejectVersion } from "./reject-version";
import { withdrawVersion } from "./withdraw-version";
import { acknowledgeVersion } from "./acknowledge-version";
import { issueCertificate } from "./issue-certificate";

export type AssetCommandOptions = { db: Db; actor: Actor; assetId: string; origin?: RequestOrigin; now?: Date };
type Target = AssetCommandOptions & { versionId: string; kind: AssetKind };

/**
 * Asset-level commands, as automation sees them (`POST /api/v1/assets/{id}/<command>`): a pipeline knows its asset,
 * not which version is waiting. Each command is a permission, the lifecycle events it fires and the version use
 * case it runs on the asset's newest version those events may move; the version use case re-checks everything
 * inside its own transaction, so a race between the lookup and the change ends as that use case's 409. They differ
 * only by these data, which is why they share this file rather than take one each.
 */
function assetCommand<Extra extends object, Result extends { state: VersionState }>(
  action: Action,
  events: LifecycleEvent[],
  run: (target: Target & Extra) => Promise<Result>,
  accepts?: { kind: (kind: AssetKind) => boolean; otherwise: string },
) {
  const command = async (options: AssetCommandOptions & Extra): Promise<Result & { versionId: string }> => {
    requirePermission(options.actor, action);
    const asset = await options.db.asset.findFirst({
      where: { id: options.assetId, ...tenantWhere(options.actor) },
      select: { kind: true },
    });
    if (!asset || !isAssetKind(asset.kind)) throw new AppError("NOT_FOUND");
    if (accepts && !accepts.kind(asset.kind)) throw new AppError("CONFLICT", accepts.otherwise);
    const states = [...new Set(events.flatMap(statesAllowing))];
    const version = await options.db.assetVersion.findFirst({
      where: { assetId: options.assetId, state: { in: states } },
      orderBy: { seq: "desc" },
      select: { id: true },
    });
    if (!version) throw new AppError("CONFLICT", `No version of this asset is ${describe(states)}.`);
    return { ...(await run({ ...options, versionId: version.id, kind: asset.kind })), versionId: version.id };
  };
  return Object.assign(command, { action });
}

const describe = (states: VersionState[]) => states.map((s) => s.toLowerCase().replace(/_/g, " ")).join(" or ");

export type AssetCommand<Extra extends object = object> = ((
  options: AssetCommandOptions & Extra,
) => Promise<{ versionId: string; state: VersionState }>) & { action: Action };

/** A Thales reviewer approves the newest version waiting for review (one of two approvals on Production). */
export const approveAsset = assetCommand("asset:review", ["APPROVE_PARTIAL", "APPROVE_FINAL"], async (target) => ({
  state: (await approveVersion(target)).state,
}));

/** A Thales reviewer rejects the newest version waiting for review, with a reason the customer reads. */
export const rejectAsset = assetCommand<{ reason: string }, { state: VersionState }>(
  "asset:review",
  ["REJECT"],
  rejectVersion,
);

/** The customer takes back the newest version still under review. */
export const withdrawAsset = assetCommand("asset:withdraw", ["WITHDRAW"], withdrawVersion);

/** The customer confirms receipt of the newest published version of what Thales gave them. */
export const acknowledgeAsset = assetCommand("asset:acknowledge", ["ACKNOWLEDGE"], acknowledgeVersion);

/** Thales signs the newest approved request of a kind the portal issues (a CSR), as the signing preview planned. */
export const issueAsset = assetCommand(
  "asset:issue",
  ["ISSUE"],
  async (target) => {
    const issued = await issueCertificate(target);
    return {
      state: "ISSUED" as const,
      certificateAssetId: issued.assetId,
      certificateVersionId: issued.versionId,
      serialNumber: issued.serialNumber,
    };
  },
  {
    kind: (kind) => KINDS[kind].issuedAs !== undefined,
    otherwise: "Only a certificate signing request is issued; this asset is not one.",
  },
);
