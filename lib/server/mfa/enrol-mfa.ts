import "server-only";
import QRCode from "qrcode";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { decryptKey, encryptKey } from "../ca/key-encryption";
import { generateSecret, otpauthUri, verifyTotp } from "./totp";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** Starts (or resumes, so a reload shows the same QR code) enrolment of an authenticator app. */
export async function startMfaEnrolment({ db, actor }: { db: Db; actor: Actor }): Promise<Enrolment> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { mfaEnabledAt: true, mfaPendingSecret: true },
  });
  if (user.mfaEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  let secret = user.mfaPendingSecret ? decryptKey(user.mfaPendingSecret) : undefined;
  if (!secret) {
    secret = generateSecret();
    await db.user.update({ where: { id: actor.id }, data: { mfaPendingSecret: encryptKey(secret) } });
  }
  const uri = otpauthUri(secret, actor.email);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 }) };
}

/**
 * The user proves the app works with a first code; MFA is on from then, and the recovery codes are
 * returned once (stored as hashes).
 */
export async function confirmMfaEnrolment({
  db,
  actor,
  code,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  code: string;
  origin?: RequestOrigin;
  now?: Date;
}): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { mfaEnabledAt: true, mfaPendingSecret: true },
  });
  if (user.mfaEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  if (!user.mfaPendingSecret) throw new AppError("CONFLICT", "Start again: reload the page to get a QR code.");
  const secret = decryptKey(user.mfaPendingSecret);
  const step = verifyTotp(secret, code.trim(), now, null);
  if (step === null)
    throw new AppError(
      "INVALID_INPUT",
      "That code is not right. Check the time on your phone and enter the current 6-digit code.",
    );
  const codes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: actor.id, mfaEnabledAt: null },
      data: { mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: now, mfaLastStep: step },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT");
    await tx.mfaRecoveryCode.createMany({
      data: codes.map((c) => ({ id: newId(), userId: actor.id, codeHash: hashRecoveryCode(c), createdAt: now })),
    });
    await recordAudit(tx, { action: "mfa.enabled", actor, target: { type: "User", id: actor.id }, origin });
  });
  return codes;
}
