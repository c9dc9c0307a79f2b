import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { migrate } from "@/lib/server/db/migrate";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { counts, makeCustomer, type Customer } from "./support/assets";

/**
 * Issue #10 item 1 on both databases: a version keeps the normalized PEM plus the SHA-256, size and name of the
 * upload, never its bytes; an upload hiding a private key is refused whole and audited without the key; and
 * migration 0006 turns rows written before it (with their bytes) into the same shape, flagging leaked keys.
 */
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const columns = async (database: TestDatabase, table: string) =>
  database.config.provider === "sqlite"
    ? (await database.db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((c) => c.name)
    : (
        await database.db.$queryRawUnsafe<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}'`,
        )
      ).map((c) => c.column_name);

describe.each(PROVIDERS)("what is stored of an upload on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let d1: Customer;
  let keyBase64: string;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    d1 = await makeCustomer(database.db, "d1");
    keyBase64 = Buffer.from(pki.privateKeyDer()).toString("base64");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });
  const upload = (file: string | Uint8Array, dryRun = false) =>
    uploadAsset({
      db: database.db,
      actor: d1.customer,
      connectionId: d1.ppr,
      kind: "CUSTOMER_CSR",
      content: { file, filename: "client.csr" },
      confirmWarnings: true,
      dryRun,
    });

  it("keeps the re-encoded CSR and the digest, size and name of the upload, not the upload", async () => {
    const file = `Generated for the PPR connection\n${pki.d1Csr({ identifier: d1.identifier, environment: "PPR" })}thanks\n`;
    const result = await upload(file);
    expect(result.status).toBe("stored");
    if (result.status !== "stored") return;
    const row = await database.db.assetVersion.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(row).toMatchObject({
      originalSha256: sha256(file),
      originalSize: Buffer.byteLength(file),
      originalFilename: "client.csr",
    });
    expect(row.normalizedPem).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/,
    );
    expect(row.normalizedPem).not.toContain("thanks");
    expect(await columns(database, "AssetVersion")).not.toContain("originalBytes");
  });

  it("refuses a CSR with a key as bare base64 lines, stores nothing, audits the refusal without the key", async () => {
    const before = await counts(database.db);
    const file =
      pki.d1Csr({ identifier: d1.identifier, environment: "PPR" }) + keyBase64.match(/.{1,64}/g)!.join("\n") + "\n";
    const result = await upload(file);
    expect(result.status).toBe("rejected");
    expect(result.findings.map((f) => f.code)).toEqual(["PRIVATE_KEY_DETECTED"]);
    expect(result.findings[0]!.message).toMatch(/compromised/);
    const after = await counts(database.db);
    expect(after).toEqual({ ...before, audits: before.audits + 1 });
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "asset.upload-refused" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(audit.details!)).toMatchObject({
      connectionId: d1.ppr,
      kind: "CUSTOMER_CSR",
      findings: ["PRIVATE_KEY_DETECTED"],
      size: Buffer.byteLength(file),
    });
    const everything = JSON.stringify(await database.db.auditEvent.findMany());
    for (const fragment of [keyBase64.slice(40, 80), sha256(file)]) expect(everything).not.toContain(fragment);
  });

  it("migration 0006 replaces stored bytes by their digest and size, and flags the versions whose bytes held a key", async () => {
    const clean = pki.d1Csr({ identifier: d1.identifier, environment: "PPR" });
    const leaky = clean + "X-Backup: " + keyBase64 + "\n";
    const ids: string[] = [];
    for (const file of [clean, clean + " ", clean + "  "]) {
      const r = await upload(file);
      if (r.status !== "stored") throw new Error("setup upload refused");
      ids.push(r.versionId);
    }
    // Rewind 0006 on this database: the bytes column back, as rows written before the fix had it.
    const { db } = database;
    const blob = provider === "sqlite" ? "BLOB" : "BYTEA";
    await db.$executeRawUnsafe(`ALTER TABLE "AssetVersion" ADD COLUMN "originalBytes" ${blob}`);
    await db.$executeRawUnsafe(`ALTER TABLE "AssetVersion" DROP COLUMN "originalSha256"`);
    await db.$executeRawUnsafe(`ALTER TABLE "AssetVersion" DROP COLUMN "originalSize"`);
    await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '0006_%'`);
    const set =
      provider === "sqlite"
        ? `UPDATE "AssetVersion" SET "originalBytes" = ? WHERE "id" = ?`
        : `UPDATE "AssetVersion" SET "originalBytes" = $1 WHERE "id" = $2`;
    await db.$executeRawUnsafe(set, Buffer.from(clean), ids[0]);
    await db.$executeRawUnsafe(set, Buffer.from(leaky), ids[1]);
    await db.$disconnect();

    const result = await migrate(database.config);
    expect(result.applied).toEqual(["0006_store_understood_only"]);
    expect(await columns(database, "AssetVersion")).not.toContain("originalBytes");
    const rows = await db.assetVersion.findMany({
      where: { id: { in: ids } },
      select: { id: true, originalSha256: true, originalSize: true, normalizedPem: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({ originalSha256: sha256(clean), originalSize: Buffer.byteLength(clean) });
    expect(byId.get(ids[1]!)).toMatchObject({ originalSha256: sha256(leaky), originalSize: Buffer.byteLength(leaky) });
    expect(byId.get(ids[2]!)).toMatchObject({ originalSha256: null, originalSize: null });
    expect(byId.get(ids[1]!)!.normalizedPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const purged = await db.auditEvent.findMany({ where: { action: "asset.private-key-purged" } });
    expect(purged.map((a) => a.targetId)).toEqual([ids[1]]);
    expect(purged[0]).toMatchObject({ organizationId: d1.organizationId, targetType: "AssetVersion" });
    expect(purged[0]!.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(purged)).not.toContain(keyBase64.slice(40, 80));
    expect(await migrate(database.config)).toMatchObject({ applied: [] });
  });
});
