import "server-only";
import type { Db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { decryptLegacy, encryptKey, SecretsKeyError, storedKeyId } from "../ca/key-encryption";
import { currentSecretsKey, type SecretsKey } from "./secrets-key";

export type ReencryptResult = { certificateAuthorities: number; totpSecrets: number };

/**
 * The data half of migration 0007 (run by scripts/prepare.ts after the SQL migrations, on every start;
 * it has nothing to do once done): every secret still encrypted with the NEXTAUTH_SECRET-derived key (v1)
 * is re-encrypted under the secrets key (v2). Each row is rewritten only if it still holds the value read
 * (two instances starting together do it once). A secret under ANOTHER v2 key stops the start: this
 * instance was given a different key from the one the database was written with.
 */
export async function reencryptSecrets(
  db: Db,
  options: { env?: Record<string, string | undefined>; key?: SecretsKey } = {},
): Promise<ReencryptResult> {
  const env = options.env ?? process.env;
  const key = options.key ?? currentSecretsKey();
  const result: ReencryptResult = { certificateAuthorities: 0, totpSecrets: 0 };
  const check = (stored: string, what: string) => {
    const id = storedKeyId(stored);
    if (id !== "legacy" && id !== undefined && id !== key.id) {
      throw new SecretsKeyError(
        `${what} was encrypted with another secrets key (id ${id}; this instance has ${key.id}). Give every instance the same PORTAL_CA_ENCRYPTION_KEY (or data/secrets-key).`,
      );
    }
    return id === "legacy";
  };

  for (const ca of await db.certificateAuthority.findMany({ select: { id: true, encryptedKey: true } })) {
    if (!check(ca.encryptedKey, `The CA key ${ca.id}`)) continue;
    const updated = await db.certificateAuthority.updateMany({
      where: { id: ca.id, encryptedKey: ca.encryptedKey },
      data: { encryptedKey: encryptKey(decryptLegacy(ca.encryptedKey, env), key) },
    });
    result.certificateAuthorities += updated.count;
  }
  const users = await db.user.findMany({
    where: { OR: [{ mfaSecret: { not: null } }, { mfaPendingSecret: { not: null } }] },
    select: { id: true, mfaSecret: true, mfaPendingSecret: true },
  });
  for (const user of users) {
    for (const field of ["mfaSecret", "mfaPendingSecret"] as const) {
      const stored = user[field];
      if (!stored || !check(stored, `A TOTP secret of user ${user.id}`)) continue;
      const updated = await db.user.updateMany({
        where: { id: user.id, [field]: stored },
        data: { [field]: encryptKey(decryptLegacy(stored, env), key) },
      });
      result.totpSecrets += updated.count;
    }
  }
  if (result.certificateAuthorities + result.totpSecrets > 0) {
    await recordAudit(db, {
      action: "secrets.re-encrypted",
      organizationId: null,
      details: { ...result, keyId: key.id, keySource: key.source },
    });
  }
  return result;
}
