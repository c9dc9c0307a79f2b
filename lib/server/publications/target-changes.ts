import "server-only";
import { diffTrustAnchors, trustAnchors, type TrustStoreChange } from "@/lib/pki";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import type { Db } from "../db/client";
import { CUSTOMER_TRUSTS, inForcePems } from "../connections/export-trust-store";

export type TargetPreview = {
  connectionId: string;
  organization: string;
  identifier: string;
  program: string;
  environment: string;
  /** What the customer's trust-store export loses and gains (CA kinds). */
  trustStore: TrustStoreChange | null;
  /** For host kinds: the host in force now and after. */
  host: { before: string | null; after: string } | null;
};

export type NewMaterial = { normalizedPem: string | null; host: string | null; basePath: string | null };

/**
 * For each target, what publishing this material would change for the customer now: the certificates added to
 * and removed from their trust-store export (computed the way the export is), or the host they call.
 */
export async function targetChanges(
  db: Db,
  kind: AssetKind,
  material: NewMaterial,
  targets: { id: string; organizationName: string; identifier: string; program: string; environment: string }[],
): Promise<TargetPreview[]> {
  const out: TargetPreview[] = [];
  for (const target of targets) {
    const base = {
      connectionId: target.id,
      organization: target.organizationName,
      identifier: target.identifier,
      program: target.program,
      environment: target.environment,
    };
    if (KINDS[kind].content === "host") {
      const asset = await db.asset.findUnique({
        where: { connectionId_kind: { connectionId: target.id, kind } },
        select: { currentVersionId: true },
      });
      const current = asset?.currentVersionId
        ? await db.assetVersion.findUnique({
            where: { id: asset.currentVersionId },
            select: { host: true, basePath: true },
          })
        : null;
      out.push({
        ...base,
        trustStore: null,
        host: {
          before: current?.host ? `${current.host}${current.basePath ?? ""}` : null,
          after: `${material.host}${material.basePath ?? ""}`,
        },
      });
      continue;
    }
    const inForce = await inForcePems(db, target.id, CUSTOMER_TRUSTS);
    const before = trustAnchors(inForce.map((v) => v.pem));
    const after = CUSTOMER_TRUSTS.includes(kind)
      ? trustAnchors([...inForce.filter((v) => v.kind !== kind).map((v) => v.pem), material.normalizedPem ?? ""])
      : before;
    out.push({ ...base, trustStore: diffTrustAnchors(before, after), host: null });
  }
  return out;
}
