import { spawnSync } from "node:child_process";
import { createCipheriv, generateKeyPairSync, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { decryptKey, storedKeyId } from "@/lib/server/ca/key-encryption";
import { keyId, loadSecretsKey } from "@/lib/server/secrets/secrets-key";
import { secureSqliteFiles } from "@/lib/server/db/data-files";
import { base32Decode, generateSecret, hotp, timeStep } from "@/lib/server/mfa/totp";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OLD_AUTH_SECRET = "the NEXTAUTH_SECRET an older portal derived its CA key encryption from";
const NEW_KEY = randomBytes(32);
process.env.PORTAL_CA_ENCRYPTION_KEY = NEW_KEY.toString("base64");

const mode = (file: string) => statSync(file).mode & 0o777;

/** A secret as the portal stored it before migration 0007: AES-256-GCM under HKDF(NEXTAUTH_SECRET). */
function legacyEncrypt(plaintext: string): string {
  const key = Buffer.from(
    hkdfSync("sha256", OLD_AUTH_SECRET, "tls-onboarding-portal", "ca-private-key-encryption", 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

/** The operator's own step (`npm start` runs it before serving). */
function prepare(database: TestDatabase, env: Record<string, string>) {
  const url = database.config.provider === "sqlite" ? `file:${database.config.file}` : database.config.url;
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORTAL_ADMIN_PASSWORD: "prepare test admin password", ...env },
    encoding: "utf8",
  });
}

describe.each(PROVIDERS)("re-encryption of secrets at rest on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("moves the CA key and TOTP secrets from the NEXTAUTH_SECRET-derived key to the secrets key, once", async () => {
    const caKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const caId = newId();
    await database.db.certificateAuthority.create({
      data: {
        id: caId,
        slot: "signing",
        certificatePem: "-",
        encryptedKey: legacyEncrypt(caKey),
        source: "development",
      },
    });
    const user = await makeUser(database.db, "ADMIN", { password: "re-encryption admin password" });
    const totp = generateSecret();
    const pending = generateSecret();
    await database.db.user.update({
      where: { id: user.id },
      data: { mfaSecret: legacyEncrypt(totp), mfaPendingSecret: legacyEncrypt(pending), mfaEnabledAt: new Date() },
    });

    const run = prepare(database, {
      NEXTAUTH_SECRET: OLD_AUTH_SECRET,
      PORTAL_CA_ENCRYPTION_KEY: NEW_KEY.toString("base64"),
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("re-encrypted 1 CA key(s) and 2 TOTP secret(s)");

    const ca = await database.db.certificateAuthority.findUniqueOrThrow({ where: { id: caId } });
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const key = { key: NEW_KEY, id: keyId(NEW_KEY), source: "environment" as const };
    for (const stored of [ca.encryptedKey, row.mfaSecret!, row.mfaPendingSecret!])
      expect(storedKeyId(stored)).toBe(key.id);
    expect(decryptKey(ca.encryptedKey, key)).toBe(caKey);
    expect(decryptKey(row.mfaSecret!, key)).toBe(totp);
    expect(decryptKey(row.mfaPendingSecret!, key)).toBe(pending);
    // The old value is refused, not silently read, and the NEXTAUTH_SECRET alone no longer opens anything.
    expect(() => decryptKey(legacyEncrypt(totp), key)).toThrow(/NEXTAUTH_SECRET/);

    // Sign-in with the re-encrypted TOTP secret still works (this process holds the new key).
    const now = new Date();
    const code = hotp(base32Decode(totp), timeStep(now));
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "re-encryption admin password",
        otp: code,
        origin: {},
        now,
      }),
    ).toMatchObject({ ok: true });
    expect(await database.db.auditEvent.count({ where: { action: "secrets.re-encrypted" } })).toBe(1);

    const again = prepare(database, {
      NEXTAUTH_SECRET: "a new auth secret has nothing to do with it",
      PORTAL_CA_ENCRYPTION_KEY: NEW_KEY.toString("base64"),
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain("re-encrypted");
    expect((await database.db.certificateAuthority.findUniqueOrThrow({ where: { id: caId } })).encryptedKey).toBe(
      ca.encryptedKey,
    );

    // An instance given another key refuses to start instead of failing later on every secret.
    const wrong = prepare(database, { PORTAL_CA_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain("encrypted with another secrets key");
  });
});

describe("owner-only files", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "portal-modes-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the data folder 0700 with the database and the generated secrets key 0600", () => {
    const cwd = path.join(dir, "fresh");
    mkdirSync(cwd);
    secureSqliteFiles(path.join(cwd, "data", "portal.db"), cwd);
    const key = loadSecretsKey({}, cwd);
    expect(key.source).toBe("file");
    expect(mode(path.join(cwd, "data"))).toBe(0o700);
    expect(mode(path.join(cwd, "data", "portal.db"))).toBe(0o600);
    expect(mode(path.join(cwd, "data", "secrets-key"))).toBe(0o600);
    // The same key on the next start.
    expect(loadSecretsKey({}, cwd).id).toBe(key.id);
  });

  it("tightens an existing data folder, database, journal and key file left world-readable", () => {
    const cwd = path.join(dir, "old");
    mkdirSync(path.join(cwd, "data"), { recursive: true, mode: 0o755 });
    for (const name of ["portal.db", "portal.db-wal", "portal.db-shm", "secrets-key"]) {
      writeFileSync(path.join(cwd, "data", name), name === "secrets-key" ? randomBytes(32).toString("base64") : "", {
        mode: 0o644,
      });
    }
    secureSqliteFiles(path.join(cwd, "data", "portal.db"), cwd);
    loadSecretsKey({}, cwd);
    expect(mode(path.join(cwd, "data"))).toBe(0o700);
    for (const name of ["portal.db", "portal.db-wal", "portal.db-shm", "secrets-key"])
      expect(mode(path.join(cwd, "data", name))).toBe(0o600);
  });

  it("a real start (scripts/prepare.ts) on a new SQLite file makes it 0600 in a 0700 folder", async () => {
    const file = path.join(dir, "served", "db", "portal.db");
    const database = { config: { provider: "sqlite" as const, file } } as TestDatabase;
    const run = prepare(database, { PORTAL_CA_ENCRYPTION_KEY: NEW_KEY.toString("base64") });
    expect(run.status, run.stderr).toBe(0);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});
