import "server-only";
import { buildCrl, crlName, CRL_VALIDITY_MS, isRevocationReason, type LoadedCa } from "@/lib/pki";
import type { Db, Tx } from "../db/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { loadSigningCa, type CaInfo } from "./signing-ca";

export type CrlFile = {
  name: string;
  der: Uint8Array;
  pem: string;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
};

/** The public CRL URL for the portal CA when PORTAL_PUBLIC_URL is set (only then: a guessed host would mislead). */
export function crlUrlFor(ca: LoadedCa, env: Record<string, string | undefined> = process.env): string | undefined {
  const base = env.PORTAL_PUBLIC_URL?.trim().replace(/\/+$/, "");
  return base ? `${base}/crl/${crlName(ca)}.crl` : undefined;
}

/**
 * Re-sign the CA's CRL from its revocations and store it (next CRL number), inside the caller's transaction so a
 * revocation and the CRL that lists it commit together. The CRL row is the one all instances serve.
 */
export async function regenerateCrl(
  tx: Tx,
  { info, ca, now }: { info: CaInfo; ca: LoadedCa; now: Date },
): Promise<CrlFile> {
  const rows = await tx.revocation.findMany({
    where: { caId: info.id, revokedAt: { not: null } },
    select: { serialNumber: true, revokedAt: true, reason: true },
  });
  const previous = await tx.certificateRevocationList.findUnique({
    where: { caId: info.id },
    select: { crlNumber: true },
  });
  const crlNumber = (previous?.crlNumber ?? 0) + 1;
  const crl = buildCrl({
    ca,
    crlNumber,
    now,
    entries: rows.map((r) => ({
      serialNumber: r.serialNumber,
      revokedAt: r.revokedAt!,
      reason: isRevocationReason(r.reason) ? r.reason : "unspecified",
    })),
  });
  const data = {
    crlNumber,
    der: Buffer.from(crl.der),
    pem: crl.pem,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
  };
  await tx.certificateRevocationList.upsert({
    where: { caId: info.id },
    create: { caId: info.id, ...data },
    update: data,
  });
  await recordAudit(tx, {
    action: "ca.crl_signed",
    organizationId: null,
    target: { type: "CertificateAuthority", id: info.id },
    details: { crlNumber, entries: rows.length, nextUpdate: crl.nextUpdate.toISOString() },
  });
  return { name: crlName(ca), ...crl, crlNumber };
}

/**
 * The public CRL of the portal CA by its file name (no authentication: relying parties fetch it). Re-signed when
 * none exists yet or half its validity has passed, so a served CRL is never past its nextUpdate; two instances
 * doing so at once both write a valid CRL, the later one wins.
 */
export async function getCrl({ db, name, now = new Date() }: { db: Db; name: string; now?: Date }): Promise<CrlFile> {
  const { info, ca } = await loadSigningCa(db, now);
  if (name !== crlName(ca)) throw new AppError("NOT_FOUND");
  const stored = await db.certificateRevocationList.findUnique({ where: { caId: info.id } });
  if (
    stored &&
    now.getTime() < stored.nextUpdate.getTime() - CRL_VALIDITY_MS / 2 &&
    now.getTime() >= stored.thisUpdate.getTime()
  ) {
    return {
      name,
      der: new Uint8Array(stored.der),
      pem: stored.pem,
      thisUpdate: stored.thisUpdate,
      nextUpdate: stored.nextUpdate,
      crlNumber: stored.crlNumber,
    };
  }
  return db.$transaction((tx) => regenerateCrl(tx, { info, ca, now }));
}
