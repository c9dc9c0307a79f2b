import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindsFor } from "@/lib/assets/kinds";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { createIdentifier } from "@/lib/server/identifiers/create-identifier";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { listConnections } from "@/lib/server/connections/list-connections";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { deriveTrustStore } from "@/lib/server/assets/derive-trust-store";
import { getConnection } from "@/lib/server/connections/get-connection";
import type { Actor } from "@/lib/server/actor";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, makeActor, makeCustomer } from "./support/assets";
import { makeOrganization } from "./support/factories";

const DAY = 86_400_000;
const fingerprints = (pem: string) =>
  (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
    .map((block) => new X509Certificate(block).fingerprint256)
    .sort();

/** Identifiers and their connections (admin), the TSH expected CN, and the readiness board over time. */
describe.each(PROVIDERS)("connections and readiness on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let admin: Actor;
  let reviewer: Actor;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    admin = await makeActor(database.db, "ADMIN");
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  it("creates an identifier with its PPR and PRD connections, once per program and value, for customers only", async () => {
    const organizationId = await makeOrganization(database.db);
    const { id } = await createIdentifier({
      db: database.db,
      actor: admin,
      input: { organizationId, program: "d1", value: "ACME42" },
    });
    const connections = await database.db.connection.findMany({
      where: { identifierId: id },
      select: { environment: true, organizationId: true, expectedCn: true },
    });
    expect(connections.map((c) => c.environment).sort()).toEqual(["PPR", "PRD"]);
    expect(connections.every((c) => c.organizationId === organizationId && c.expectedCn === null)).toBe(true);
    expect(await database.db.auditEvent.count({ where: { targetId: id, action: "identifier.created" } })).toBe(1);
    const before = await dbState(database.db);
    await expectAppError(
      createIdentifier({ db: database.db, actor: admin, input: { organizationId, program: "d1", value: "ACME42" } }),
      "CONFLICT",
    );
    await expectAppError(
      createIdentifier({
        db: database.db,
        actor: admin,
        input: { organizationId: await ensureThalesOrganization(database.db), program: "d1", value: "THALES1" },
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      createIdentifier({ db: database.db, actor: reviewer, input: { organizationId, program: "d1", value: "ACME43" } }),
      "FORBIDDEN",
    );
    expect(await dbState(database.db)).toEqual(before);
    // The same value in another program is another identifier.
    await createIdentifier({
      db: database.db,
      actor: admin,
      input: { organizationId, program: "d1-ecom", value: "ACME42" },
    });
  });

  it("sets the TSH expected CN per connection with an audit row, and refuses it on D1 or when malformed", async () => {
    const tsh = await makeCustomer(database.db, "tsh", { admin });
    const d1 = await makeCustomer(database.db, "d1", { admin });
    await setExpectedCn({ db: database.db, actor: admin, connectionId: tsh.prd, expectedCn: "  acme-tsh-prd " });
    expect((await getConnection({ db: database.db, actor: tsh.customer, connectionId: tsh.prd })).expectedCn).toBe(
      "acme-tsh-prd",
    );
    expect(
      (await getConnection({ db: database.db, actor: tsh.customer, connectionId: tsh.ppr })).expectedCn,
    ).toBeNull();
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: tsh.prd, action: "connection.expected-cn-set" },
    });
    expect([JSON.parse(audit.before!), JSON.parse(audit.after!)]).toEqual([
      { expectedCn: null },
      { expectedCn: "acme-tsh-prd" },
    ]);
    const before = await dbState(database.db);
    await expectAppError(
      setExpectedCn({ db: database.db, actor: admin, connectionId: d1.prd, expectedCn: "x" }),
      "INVALID_INPUT",
    );
    for (const bad of ["", "   ", "x".repeat(65), "evil\nCN"]) {
      await expectAppError(
        setExpectedCn({ db: database.db, actor: admin, connectionId: tsh.ppr, expectedCn: bad }),
        "INVALID_INPUT",
      );
    }
    expect(await dbState(database.db)).toEqual(before);
  });

  it("shows every asset slot of the program with its history and the version in force", async () => {
    const tsh = await makeCustomer(database.db, "tsh", { admin });
    const host = (h: string) =>
      uploadAsset({
        db: database.db,
        actor: tsh.customer,
        connectionId: tsh.ppr,
        kind: "ISSUER_HOST",
        content: { host: h, port: 443 },
        confirmWarnings: false,
      });
    const first = await host("api1.acme.example");
    if (first.status !== "stored") throw new Error(first.status);
    await approveVersion({ db: database.db, actor: reviewer, versionId: first.versionId });
    const second = await host("api2.acme.example");
    if (second.status !== "stored") throw new Error(second.status);
    const detail = await getConnection({ db: database.db, actor: tsh.customer, connectionId: tsh.ppr });
    expect(detail.assets.map((a) => a.info.kind)).toEqual(kindsFor("tsh").map((k) => k.kind));
    const slot = detail.assets.find((a) => a.info.kind === "ISSUER_HOST")!;
    expect(slot.versions.map((v) => [v.seq, v.state, v.host, v.current])).toEqual([
      [2, "SUBMITTED", "api2.acme.example", false],
      [1, "APPROVED", "api1.acme.example", true],
    ]);
    expect(slot.versions[0]!.uploadedBy).toBe(tsh.customer.email);
    expect(detail.readiness.items.find((i) => i.kind === "ISSUER_HOST")).toMatchObject({
      done: false,
      waitingOn: "thales",
      state: "SUBMITTED",
    });
  });

  it("tracks a TSH client certificate through approval to expiry, and refuses its key on the other environment", async () => {
    const tsh = await makeCustomer(database.db, "tsh", { admin });
    await setExpectedCn({ db: database.db, actor: admin, connectionId: tsh.ppr, expectedCn: "acme-ppr" });
    await setExpectedCn({ db: database.db, actor: admin, connectionId: tsh.prd, expectedCn: "acme-prd" });
    const board = async (now: Date) =>
      (await listConnections({ db: database.db, actor: tsh.customer, now, filter: { id: tsh.ppr } }))[0]!.readiness;
    // Made before `now`: openssl stamps notBefore with the current second, and a certificate is not valid before it.
    const cert = pki.tshClientCertificate("acme-ppr", 730, "tsh-ppr-key");
    const now = new Date(Date.now() + 1000);
    const empty = await board(now);
    expect(empty).toMatchObject({ done: 0, percent: 0 });
    expect(empty.required).toBe(kindsFor("tsh").filter((k) => k.required === true).length);
    expect(empty.items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: false,
      waitingOn: "nobody",
    });

    const up = await uploadAsset({
      db: database.db,
      actor: tsh.customer,
      connectionId: tsh.ppr,
      kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      content: { file: cert },
      confirmWarnings: false,
      now,
    });
    if (up.status !== "stored") throw new Error(`${up.status} ${JSON.stringify(up.findings)}`);
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId, now });
    const approved = await board(now);
    expect(approved.items.find((i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: true,
      waitingOn: "nobody",
      state: "APPROVED",
    });
    expect(approved.items.find((i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE")!.expiry).toBeUndefined();
    expect(approved.done).toBe(1);
    expect(
      (await board(new Date(now.getTime() + 650 * DAY))).items.find(
        (i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      ),
    ).toMatchObject({ done: true, expiry: "90-days" });
    expect(
      (await board(new Date(now.getTime() + 710 * DAY))).items.find(
        (i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      ),
    ).toMatchObject({ done: true, expiry: "30-days" });
    const expired = await board(new Date(now.getTime() + 800 * DAY));
    expect(expired.items.find((i) => i.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE")).toMatchObject({
      done: false,
      waitingOn: "customer",
      expiry: "expired",
    });
    expect(expired.done).toBe(0);

    const before = await dbState(database.db);
    const sameKey = pki.tshClientCertificate("acme-prd", 730, "tsh-ppr-key");
    const prd = await uploadAsset({
      db: database.db,
      actor: tsh.customer,
      connectionId: tsh.prd,
      kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      content: { file: sameKey },
      confirmWarnings: true,
    });
    expect(prd.status).toBe("rejected");
    expect(prd.findings.map((f) => f.code)).toContain("ENVIRONMENT_MIXUP");
    expect(await dbState(database.db)).toEqual(before);
  });

  it("requires the trust store once the server chain is not Mozilla-anchored", async () => {
    const d1 = await makeCustomer(database.db, "d1", { admin });
    const chain = pki.serverChain("private-bank");
    const up = await uploadAsset({
      db: database.db,
      actor: d1.customer,
      connectionId: d1.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      content: { file: chain.chainPem },
      confirmWarnings: true,
    });
    expect(up.status).toBe("stored");
    const items = (await listConnections({ db: database.db, actor: d1.customer, filter: { id: d1.ppr } }))[0]!.readiness
      .items;
    expect(items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: true,
      done: false,
      waitingOn: "customer",
    });
    expect(items.find((i) => i.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN")).toMatchObject({
      waitingOn: "thales",
      state: "SUBMITTED",
    });
  });

  it("agrees with the backend export: a chain in force that carries its own root needs no trust store", async () => {
    const d1 = await makeCustomer(database.db, "d1", { admin });
    const chain = pki.serverChain("own-root-bank");
    const up = await uploadAsset({
      db: database.db,
      actor: d1.customer,
      connectionId: d1.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      content: { file: chain.chainPem },
      confirmWarnings: true,
    });
    if (up.status !== "stored") throw new Error(up.status);
    await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    const backend = await exportTrustStore({ db: database.db, actor: reviewer, connectionId: d1.ppr });
    expect(fingerprints(backend.body)).toEqual(fingerprints(chain.rootPem + chain.intermediatePem));
    const items = (await listConnections({ db: database.db, actor: d1.customer, filter: { id: d1.ppr } }))[0]!.readiness
      .items;
    expect(items.find((i) => i.kind === "CUSTOMER_TRUST_STORE")).toMatchObject({
      required: false,
      waitingOn: "nobody",
    });
  });

  it("submits a chain's CAs as the trust store through the normal upload, for its own organization only", async () => {
    const d1 = await makeCustomer(database.db, "d1", { admin });
    const other = await makeCustomer(database.db, "d1", { admin });
    const viewer = await makeActor(database.db, "CUSTOMER_READ_ONLY", d1.organizationId);
    const chain = pki.serverChain("derive-bank");
    const up = await uploadAsset({
      db: database.db,
      actor: d1.customer,
      connectionId: d1.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      content: { file: chain.chainPem },
      confirmWarnings: true,
    });
    if (up.status !== "stored") throw new Error(up.status);
    const before = await dbState(database.db);
    await expectAppError(
      deriveTrustStore({ db: database.db, actor: other.customer, versionId: up.versionId }),
      "NOT_FOUND",
    );
    await expectAppError(deriveTrustStore({ db: database.db, actor: viewer, versionId: up.versionId }), "FORBIDDEN");
    await expectAppError(deriveTrustStore({ db: database.db, actor: reviewer, versionId: up.versionId }), "FORBIDDEN");
    expect(await dbState(database.db)).toEqual(before);

    const derived = await deriveTrustStore({ db: database.db, actor: d1.customer, versionId: up.versionId });
    const stored = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: derived.versionId },
      select: { state: true, normalizedPem: true, asset: { select: { kind: true, connectionId: true } } },
    });
    expect(stored).toMatchObject({ state: "SUBMITTED", asset: { kind: "CUSTOMER_TRUST_STORE", connectionId: d1.ppr } });
    expect(fingerprints(stored.normalizedPem!)).toEqual(fingerprints(chain.rootPem + chain.intermediatePem));
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "asset.uploaded", targetId: derived.versionId },
      select: { details: true },
    });
    expect(JSON.parse(audit.details!)).toMatchObject({ derivedFrom: up.versionId });
    // A trust store is not a chain: refused clearly, nothing stored.
    await expectAppError(
      deriveTrustStore({ db: database.db, actor: d1.customer, versionId: derived.versionId }),
      "INVALID_INPUT",
    );
  });
});
