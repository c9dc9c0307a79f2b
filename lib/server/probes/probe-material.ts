import "server-only";
import { decodeInput } from "@/lib/pki";
import type { AssetKind } from "@/lib/assets/kinds";
import { IN_PLAY } from "@/lib/assets/lifecycle";
import type { Db } from "../db/client";

/** The version a check compares against: the newest in play (lib/assets/lifecycle.ts IN_PLAY). */
export type ProbeVersion = { id: string; normalizedPem: string | null; host: string | null; port: number | null };

export async function versionInPlay(db: Db, connectionId: string, kind: AssetKind): Promise<ProbeVersion | undefined> {
  const asset = await db.asset.findUnique({
    where: { connectionId_kind: { connectionId, kind } },
    select: { id: true },
  });
  if (!asset) return undefined;
  const select = { id: true, normalizedPem: true, host: true, port: true } as const;
  return (
    (await db.assetVersion.findFirst({
      where: { assetId: asset.id, state: { in: [...IN_PLAY] } },
      orderBy: { seq: "desc" },
      select,
    })) ?? undefined
  );
}

/** The version in force and, during a rotation, the newer one beside it (both must be accepted by the server). */
async function inForceAndNext(db: Db, connectionId: string, kind: AssetKind): Promise<ProbeVersion[]> {
  const asset = await db.asset.findUnique({
    where: { connectionId_kind: { connectionId, kind } },
    select: { currentVersionId: true },
  });
  const next = await versionInPlay(db, connectionId, kind);
  const current =
    asset?.currentVersionId && asset.currentVersionId !== next?.id
      ? await db.assetVersion.findUnique({
          where: { id: asset.currentVersionId },
          select: { id: true, normalizedPem: true, host: true, port: true },
        })
      : null;
  return [current, next].filter((v): v is ProbeVersion => !!v);
}

export const certificatesOf = (v: ProbeVersion | undefined): Uint8Array[] =>
  v?.normalizedPem ? decodeInput(v.normalizedPem).certificates : [];

/** What the served side of a connection is judged against: the uploaded chain, its anchors and the Thales client CAs. */
export async function probeMaterial(db: Db, connectionId: string) {
  const [host, chain, store, thalesCa, tshCa] = await Promise.all([
    versionInPlay(db, connectionId, "ISSUER_HOST"),
    versionInPlay(db, connectionId, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN"),
    versionInPlay(db, connectionId, "CUSTOMER_TRUST_STORE"),
    inForceAndNext(db, connectionId, "THALES_CLIENT_CA"),
    inForceAndNext(db, connectionId, "TSH_TLS_CLIENT_CERTIFICATE"),
  ]);
  return {
    host,
    uploadedChain: certificatesOf(chain),
    trustStore: certificatesOf(store),
    thalesClientCas: [...thalesCa, ...tshCa].flatMap(certificatesOf),
  };
}
