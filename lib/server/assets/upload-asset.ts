import "server-only";
import { createHash } from "node:crypto";
import {
  decodeInput,
  fileNameFindings,
  hasErrors,
  oneKeyPerEnvironment,
  withFix,
  type FixCommand,
  type Finding,
} from "@/lib/pki";
import { checkAssetOffThread } from "../pki/check-pool";
import { crossCheckConnection } from "../connections/cross-check-connection";
import { KINDS, isCustomerKind, type AssetKind } from "@/lib/assets/kinds";
import { AWAITING_REVIEW, type VersionState } from "@/lib/assets/lifecycle";
import { cutOverProblem, overlappingKind } from "@/lib/assets/rotation";
import { checkHost } from "@/lib/assets/host";
import type { Db } from "../db/client";
import { Prisma } from "../generated/sqlite/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { countUploadVerdict } from "../metrics/count-upload";
import { retryOnUniqueConflict } from "../db/retry";
import { requirePermission } from "../auth/guards";
import { loadConnection, type ConnectionContext } from "../connections/load-connection";
import { environmentMixup } from "./environment-mixup";
import { emitEvent } from "../notifications/emit-event";
import { connectionPayload } from "../notifications/payload";
import { earliestNotAfter, originalFields, primaryFingerprint, serializeReport } from "./version-record";
import { assetSlot, startVersion } from "./asset-slot";
import { applyTransition } from "./apply-transition";

export type UploadContent = { file: Uint8Array | string; filename?: string } | { host: string; port: number };

export type UploadAssetOptions = {
  db: Db;
  actor: Actor;
  connectionId: string;
  kind: AssetKind;
  content: UploadContent;
  /** Warnings block until the user confirms them explicitly. */
  confirmWarnings: boolean;
  /**
   * Renewal with overlap: when the version this one renews (for a CSR, its issued certificate) leaves, once this
   * one is in force. Now or later; undefined: when the old certificate expires (lib/assets/rotation.ts).
   */
  cutOverAt?: Date;
  /** The server-chain version whose CAs this trust store was derived from (derive-trust-store.ts); audited. */
  derivedFrom?: string;
  /** true: validate only, store nothing (the pre-flight report the upload form shows). */
  dryRun?: boolean;
  origin?: RequestOrigin;
  now?: Date;
};

export type UploadResult =
  | { status: "stored"; assetId: string; versionId: string; seq: number; findings: Finding[]; report: string }
  | {
      status: "rejected" | "needs-confirmation" | "checked";
      findings: Finding[];
      report: string;
      /** The one command that makes a credential without these findings (client credentials only). */
      fix?: FixCommand;
    };

/** The full validation of a customer upload, exactly as the store path runs it. */
export async function validateUpload(
  db: Db,
  connection: ConnectionContext,
  kind: AssetKind,
  content: UploadContent,
  now: Date,
) {
  const info = KINDS[kind];
  if ("host" in content) {
    const { host, findings } = checkHost(content.host, content.port);
    if (kind === "ISSUER_HOST" && !hasErrors(findings))
      findings.push(...(await crossCheckConnection(db, connection.id, now, { kind, host })));
    const report = JSON.stringify({
      verdict: hasErrors(findings) ? "rejected" : "accepted",
      found: `host ${host}:${content.port}`,
      certificates: [],
    });
    return {
      findings,
      report,
      host,
      port: content.port,
      sha256: createHash("sha256").update(`${host}:${content.port}`).digest("hex"),
    };
  }
  const checked = await checkAssetOffThread(content.file, {
    program: connection.program,
    environment: connection.environment,
    identifier: connection.identifier,
    asset: info.check!,
    expectedCn: connection.expectedCn ?? undefined,
    now,
  });
  const name = fileNameFindings(content.filename);
  // A key in the file name refuses the upload like a key in the file: that finding alone, nothing echoed.
  if (name.some((f) => f.code === "PRIVATE_KEY_DETECTED"))
    return {
      findings: name,
      report: serializeReport({ ...checked, verdict: "rejected", findings: name }),
      checked: undefined,
      sha256: "",
    };
  const findings = [...checked.findings, ...name];
  if (!hasErrors(findings) && oneKeyPerEnvironment(info.check!))
    findings.push(...(await environmentMixup(db, connection, kind, info.check!, checked)));
  if (!hasErrors(findings) && (kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" || kind === "CUSTOMER_TRUST_STORE")) {
    // Judged against the connection's other server-side assets in play (issue 13 cross-checks); warnings only.
    const certificates = checked.normalizedPem ? decodeInput(checked.normalizedPem).certificates : [];
    findings.push(...(await crossCheckConnection(db, connection.id, now, { kind, certificates })));
  }
  // The fix command again, now over every finding (ENVIRONMENT_MIXUP asks for a new key the check alone missed).
  const { fix } = withFix(
    { ...checked, findings },
    {
      program: connection.program,
      environment: connection.environment,
      identifier: connection.identifier,
      asset: info.check!,
      expectedCn: connection.expectedCn ?? undefined,
    },
  );
  return { findings, report: serializeReport(checked), checked, fix, sha256: primaryFingerprint(checked) ?? "" };
}

/**
 * A customer uploads one of their kinds to one of their connections. Errors reject and store nothing;
 * warnings store only when confirmed. A new upload withdraws a previous one still waiting for review (submitted,
 * or in review with one of two PRD approvals), through the lifecycle table.
 */
export async function uploadAsset(options: UploadAssetOptions): Promise<UploadResult> {
  const result = await validateAndStore(options);
  countUploadVerdict(result.status, result.findings);
  return result;
}

async function validateAndStore(options: UploadAssetOptions): Promise<UploadResult> {
  const { db, actor, kind, content } = options;
  const now = options.now ?? new Date();
  requirePermission(actor, "asset:upload");
  const connection = await loadConnection(db, actor, options.connectionId);
  const info = KINDS[kind];
  if (!isCustomerKind(kind) || !info.programs.includes(connection.program)) {
    throw new AppError("INVALID_INPUT", `${kind} is not uploaded by customers on a ${connection.program} connection.`);
  }
  if ((info.content === "host") !== "host" in content)
    throw new AppError(
      "INVALID_INPUT",
      info.content === "host" ? "Enter a host name and port." : "Upload a file or paste its content.",
    );
  if (options.cutOverAt !== undefined) {
    if (!overlappingKind(info))
      throw new AppError(
        "INVALID_INPUT",
        `A new ${info.label.toLowerCase()} replaces the old one at once: it takes no cut-over.`,
      );
    const problem = cutOverProblem(options.cutOverAt, now);
    if (problem) throw new AppError("INVALID_INPUT", problem);
  }

  const validated = await validateUpload(db, connection, kind, content, now);
  const { findings, report } = validated;
  const fix = "fix" in validated ? validated.fix : undefined;
  if (findings.some((f) => f.code === "PRIVATE_KEY_DETECTED")) {
    // A security event: who tried, where, how big. Nothing of the upload itself, not even its digest or name.
    const file = "file" in content ? content : undefined;
    await recordAudit(db, {
      action: "asset.upload-refused",
      actor,
      organizationId: connection.organizationId,
      details: {
        connectionId: connection.id,
        kind,
        findings: findings.map((f) => f.code),
        size: file ? originalFields(file).originalSize : null,
        dryRun: options.dryRun === true,
      },
      origin: options.origin,
    });
  }
  if (hasErrors(findings)) return { status: "rejected", findings, report, fix };
  if (options.dryRun) return { status: "checked", findings, report, fix };
  if (findings.some((f) => f.severity === "warning") && !options.confirmWarnings)
    return { status: "needs-confirmation", findings, report, fix };

  const stored = await retryOnUniqueConflict(() =>
    db.$transaction(async (tx) => {
      const slot = await assetSlot(
        tx,
        { connectionId: connection.id, organizationId: connection.organizationId },
        kind,
      );
      // A version still awaiting review (a PRD one holding one approval too) is withdrawn through the lifecycle table.
      // Raw, like every statement of this transaction: it holds SQLite's write lock (db/insert-rows.ts).
      const pending = await tx.$queryRaw<{ id: string; state: string }[]>`
        SELECT id, state FROM "AssetVersion"
        WHERE "assetId" = ${slot.assetId} AND state IN (${Prisma.join(AWAITING_REVIEW)})`;
      for (const old of pending) {
        await applyTransition({
          tx,
          actor,
          versionId: old.id,
          organizationId: connection.organizationId,
          from: old.state as VersionState,
          event: "WITHDRAW",
          now,
          origin: options.origin,
          details: { reason: "replaced by a new upload" },
        });
      }
      const { seq } = slot;
      const file = "file" in content ? content : undefined;
      const versionId = await startVersion(
        tx,
        slot,
        {
          state: "SUBMITTED",
          ...originalFields(file),
          normalizedPem: validated.checked?.normalizedPem ?? null,
          host: validated.host ?? null,
          port: validated.port ?? null,
          sha256: validated.sha256,
          report,
          findings: JSON.stringify(findings),
          notAfter: validated.checked ? earliestNotAfter(validated.checked) : null,
          uploadedById: actor.id,
          cutOverAt: options.cutOverAt ?? null,
        },
        now,
      );
      await recordAudit(tx, {
        action: "asset.uploaded",
        actor,
        organizationId: connection.organizationId,
        target: { type: "AssetVersion", id: versionId },
        after: { state: "SUBMITTED", kind, seq },
        details: {
          connectionId: connection.id,
          environment: connection.environment,
          identifier: connection.identifier,
          sha256: validated.sha256,
          findings: findings.map((f) => f.code),
          filename: file?.filename,
          ...(options.cutOverAt ? { cutOverAt: options.cutOverAt.toISOString() } : {}),
          ...(options.derivedFrom ? { derivedFrom: options.derivedFrom } : {}),
        },
        origin: options.origin,
      });
      await emitEvent(tx, {
        type: "version.submitted",
        organizationId: connection.organizationId,
        payload: connectionPayload(connection, { kind, id: versionId, seq }),
        now,
      });
      return { assetId: slot.assetId, versionId, seq };
    }),
  );
  return { status: "stored", ...stored, findings, report };
}
