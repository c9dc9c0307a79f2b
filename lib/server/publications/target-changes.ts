import "server-only";
import { diffTrustAnchors, trustAnchors, type TrustAnchor, type TrustStoreChange } from "@/lib/pki";
import { KINDS, type AssetKind } from "@/lib/assets/kinds";
import { publicationCutOver, retirementTime } from "@/lib/assets/rotation";
import type { Db } from "../db/client";
import { CUSTOMER_TRUSTS, inForcePems } from "../connections/export-trust-store";

export type TargetPreview = {
  connectionId: string;
  organization: string;
  identifier: string;
  program: string;
  environment: string;
  /** What the customer's trust-store export loses and gains (CA kinds) when it is published. */
  trustStore: TrustStoreChange | null;
  /**
   * Kinds with overlap: the certificates of the version in force now that stay in the export beside the new one
   * until the cut-over (ISO, UTC), then leave; null when nothing is kept.
   */
  retiring: { certificates: Omit<TrustAnchor, "der">[]; until: string } | null;
  /** For host kinds: the host in force now and after. */
  host: { before: string | null; after: string } | null;
};

export type NewMaterial = { normalizedPem: string | null; host: string | null; basePath: string | null };

/**
 * For each target, what publishing this material would change for the customer now: the certificates added to
 * and removed from their trust-store export (computed the way the export is), or the host they call. For a kind
 * with overlap nothing leaves at once: the version in force is kept beside the new one until the cut-over
 * (`cutOverAt`, default PUBLICATION_OVERLAP_DAYS from `now`, never after its own expiry), reported as `retiring`.
 */
export async function targetChanges(
  db: Db,
  kind: AssetKind,
  material: NewMaterial,
  targets: { id: string; organizationName: string; identifier: string; program: string; environment: string }[],
  rotation: { cutOverAt: Date | null; now: Date },
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
        retiring: null,
        host: {
          before: current?.host ? `${current.host}${current.basePath ?? ""}` : null,
          after: `${material.host}${material.basePath ?? ""}`,
        },
      });
      continue;
    }
    const inForce = await inForcePems(db, target.id, CUSTOMER_TRUSTS);
    const before = trustAnchors(inForce.map((v) => v.pem));
    if (!CUSTOMER_TRUSTS.includes(kind)) {
      out.push({ ...base, trustStore: diffTrustAnchors(before, before), retiring: null, host: null });
      continue;
    }
    const retireAt = KINDS[kind].overlap ? await currentRetirement(db, target.id, kind, rotation) : undefined;
    const newPem = material.normalizedPem ?? "";
    // Without overlap every version of this kind leaves at once; with it, the one in force stays until retireAt
    // (older RETIRING ones keep their own cut-over): published, the export only gains.
    const afterCutOver = trustAnchors([
      ...inForce.filter((v) => v.kind !== kind || (retireAt && v.id !== retireAt.versionId)).map((v) => v.pem),
      newPem,
    ]);
    const after = retireAt ? trustAnchors([...inForce.map((v) => v.pem), newPem]) : afterCutOver;
    const leaving = retireAt ? diffTrustAnchors(after, afterCutOver).removed : [];
    out.push({
      ...base,
      trustStore: diffTrustAnchors(before, after),
      retiring: retireAt && leaving.length > 0 ? { certificates: leaving, until: retireAt.at.toISOString() } : null,
      host: null,
    });
  }
  return out;
}

/** The version of `kind` in force on a connection and when a publication now would retire it (undefined: at once). */
async function currentRetirement(
  db: Db,
  connectionId: string,
  kind: AssetKind,
  rotation: { cutOverAt: Date | null; now: Date },
): Promise<{ versionId: string; at: Date } | undefined> {
  const asset = await db.asset.findUnique({
    where: { connectionId_kind: { connectionId, kind } },
    select: { currentVersionId: true },
  });
  if (!asset?.currentVersionId) return undefined;
  const current = await db.assetVersion.findUniqueOrThrow({
    where: { id: asset.currentVersionId },
    select: { notAfter: true },
  });
  const at = retirementTime({
    cutOverAt: publicationCutOver(rotation.cutOverAt, rotation.now),
    oldNotAfter: current.notAfter,
    now: rotation.now,
  });
  return at ? { versionId: asset.currentVersionId, at } : undefined;
}
