import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { createIdentifier } from "@/lib/server/identifiers/create-identifier";
import { listConnections } from "@/lib/server/connections/list-connections";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer, type Customer } from "./support/assets";
import { makeOrganization } from "./support/factories";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

/**
 * Issue 15: a new identifier's connections start with the Thales assets in force for their program and
 * environment (kinds Thales publishes, from the kinds table), each copy audited with its source, instead of
 * "Waiting on Thales" for what every other connection of the program already has.
 */
describe.each(PROVIDERS)("Thales assets for a new identifier on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let admin: Actor;
  let delivery: Actor;
  let a: Customer;
  let published: string;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    admin = await makeActor(database.db, "ADMIN");
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    a = await makeCustomer(database.db, "d1", { admin });
    const result = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [a.ppr],
      content: { file: pki.caCertificate("thales-client-new-identifiers") },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    published = result.versionIds[0]!;
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  const inForce = async (connectionId: string, kind: string) => {
    const asset = await database.db.asset.findUnique({
      where: { connectionId_kind: { connectionId, kind } },
      select: { currentVersionId: true },
    });
    return asset?.currentVersionId
      ? database.db.assetVersion.findUniqueOrThrow({
          where: { id: asset.currentVersionId },
          select: { id: true, state: true, sha256: true, normalizedPem: true, serialHex: true },
        })
      : null;
  };

  it("puts the PreProd Thales client CA in force on a new d1 identifier's PreProd connection, audited with its source", async () => {
    const b = await makeCustomer(database.db, "d1", { admin });
    const source = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: published },
      select: { sha256: true, normalizedPem: true, serialHex: true },
    });
    const copy = await inForce(b.ppr, "THALES_CLIENT_CA");
    expect(copy).toMatchObject({ state: "PUBLISHED", ...source });
    expect(copy!.id).not.toBe(published);
    // Nothing is in force on Production: the new PRD connection still waits on Thales.
    expect(await inForce(b.prd, "THALES_CLIENT_CA")).toBeNull();
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "asset.auto-applied", targetId: copy!.id },
    });
    expect(audit.organizationId).toBe(b.organizationId);
    expect(JSON.parse(audit.details!)).toMatchObject({ sourceVersionId: published, connectionId: b.ppr });
    const [row] = await listConnections({ db: database.db, actor: b.customer, filter: { id: b.ppr } });
    const item = row!.readiness.items.find((i) => i.kind === "THALES_CLIENT_CA")!;
    expect(item.waitingOn).not.toBe("thales");
    // The customer is told, as for any publication.
    expect(
      await database.db.outboxEvent.count({ where: { organizationId: b.organizationId, type: "asset.published" } }),
    ).toBe(1);
  });

  it("copies nothing across programs: a TSH identifier gets no d1 asset", async () => {
    const organizationId = await makeOrganization(database.db);
    const { id, applied } = await createIdentifier({
      db: database.db,
      actor: admin,
      input: { organizationId, program: "tsh", value: `TSH${Date.now().toString(36).toUpperCase()}` },
    });
    expect(applied).toEqual([]);
    const connections = await database.db.connection.findMany({ where: { identifierId: id }, select: { id: true } });
    expect(await database.db.asset.count({ where: { connectionId: { in: connections.map((c) => c.id) } } })).toBe(0);
  });
});
