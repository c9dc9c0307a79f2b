import "server-only";
import type { Db } from "../db/client";
import { decryptKey } from "../ca/key-encryption";
import { verifyTotp } from "./totp";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";

/**
 * Checks a sign-in's second factor: a TOTP code (each accepted once: the step is claimed with a
 * conditional update, so two concurrent sign-ins cannot both use it) or an unused recovery code.
 */
export async function verifySecondFactor(
  db: Db,
  user: { id: string; mfaSecret: string },
  input: string,
  now: Date,
): Promise<"totp" | "recovery-code" | null> {
  const value = input.trim();
  if (looksLikeRecoveryCode(value)) {
    const used = await db.mfaRecoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(value), usedAt: null },
      data: { usedAt: now },
    });
    return used.count === 1 ? "recovery-code" : null;
  }
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { mfaLastStep: true } });
  const step = verifyTotp(decryptKey(user.mfaSecret), value, now, current.mfaLastStep);
  if (step === null) return null;
  const claimed = await db.user.updateMany({
    where: { id: user.id, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
    data: { mfaLastStep: step },
  });
  return claimed.count === 1 ? "totp" : null;
}
