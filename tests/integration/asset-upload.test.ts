import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { counts, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";
import { runDataStep } from "./support/data-step";

/** Customer uploads (lib/server/assets/upload-asset.ts) with real openssl material on a real database. */
describe.each(PROVIDERS)("asset upload on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let d1: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    d1 = await makeCustomer(database.db, "d1");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });
  const upload = (
    actor: Customer["customer"],
    connectionId: string,
    file: string,
    extra: { confirmWarnings?: boolean; kind?: Parameters<typeof uploadAsset>[0]["kind"]; dryRun?: boolean } = {},
  ) =>
    uploadAsset({
      db: database.db,
      actor,
      connectionId,
      kind: extra.kind ?? "CUSTOMER_CSR",
      content: { file, filename: "client.csr" },
      confirmWarnings: extra.confirmWarnings ?? false,
      dryRun: extra.dryRun,
      origin: { ip: "198.51.100.20", userAgent: "vitest" },
    });

  it("stores a good D1 CSR as SUBMITTED, with its normalized PEM, fingerprint and an audit row", async () => {
    const csr = pki.d1Csr({ identifier: d1.identifier, environment: "PPR" });
    const result = await upload(d1.customer, d1.ppr, csr);
    expect(result.status).toBe("stored");
    if (result.status !== "stored") return;
    expect(result.seq).toBe(1);
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const row = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: result.versionId },
      include: { asset: true },
    });
    expect(row).toMatchObject({
      state: "SUBMITTED",
      organizationId: d1.organizationId,
      uploadedById: d1.customer.id,
      originalFilename: "client.csr",
    });
    expect(row.asset).toMatchObject({
      kind: "CUSTOMER_CSR",
      direction: "CUSTOMER_TO_THALES",
      connectionId: d1.ppr,
      currentVersionId: null,
    });
    expect(row.normalizedPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await database.db.auditEvent.findMany({ where: { targetId: result.versionId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "asset.uploaded",
      actorId: d1.customer.id,
      organizationId: d1.organizationId,
      ip: "198.51.100.20",
    });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ state: "SUBMITTED", kind: "CUSTOMER_CSR", seq: 1 });
  });

  it("rejects a CSR with a wrong CN with coded findings and a hint, and writes nothing", async () => {
    const before = await counts(database.db);
    const wrongCn = pki.d1Csr({
      identifier: d1.identifier,
      environment: "PPR",
      cn: `TLSMA-ECDSA/${d1.identifier}/D1.PRD`,
    });
    const result = await upload(d1.customer, d1.ppr, wrongCn, { confirmWarnings: true });
    expect(result.status).toBe("rejected");
    const error = result.findings.find((f) => f.severity === "error")!;
    expect(error.code).toMatch(/^[A-Z0-9_]+$/);
    expect(error.hint).toContain(`CN=TLSMA-ECDSA/${d1.identifier}/D1.PPR`);
    // The one corrected command carries the escaped CN (and the customer's existing key).
    expect(result.status !== "stored" && result.fix?.command).toContain(`CN=TLSMA-ECDSA\\/${d1.identifier}\\/D1.PPR"`);
    expect(result.status !== "stored" && result.fix?.command).toContain("-key <your-private-key.pem>");
    expect(await counts(database.db)).toEqual(before);
  });

  it("rejects an RSA 2048 CSR (KEY_RSA_2048_REFUSED) and writes nothing", async () => {
    const before = await counts(database.db);
    const result = await upload(d1.customer, d1.prd, pki.rsa2048Csr(d1.identifier, "PRD"), { confirmWarnings: true });
    expect(result.status).toBe("rejected");
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        code: "KEY_RSA_2048_REFUSED",
        hint: expect.stringContaining("openssl"),
      }),
    );
    expect(await counts(database.db)).toEqual(before);
  });

  it("refuses an upload holding a private key whole: PRIVATE_KEY_DETECTED, nothing stored, the key in no row", async () => {
    const other = await makeCustomer(database.db, "d1");
    const key = pki.privateKeyPem("pasted");
    const csr = pki.d1Csr({ identifier: other.identifier, environment: "PPR", keyName: "pasted" });
    const before = await counts(database.db);
    const result = await upload(other.customer, other.ppr, `${key}\n${csr}`, { confirmWarnings: true });
    expect(result.status).toBe("rejected");
    expect(result.findings.map((f) => f.code)).toContain("PRIVATE_KEY_DETECTED");
    expect(JSON.stringify(result)).not.toContain(key.split("\n")[1]);
    // Nothing stored; the refusal itself is audited (asset.upload-refused, without the key).
    expect(await counts(database.db)).toEqual({ ...before, audits: before.audits + 1 });
    const keyBody = key.split("\n").slice(1, -2).join("");
    const everything = JSON.stringify(
      {
        versions: await database.db.assetVersion.findMany(),
        audits: await database.db.auditEvent.findMany(),
        assets: await database.db.asset.findMany(),
      },
      (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("utf8") : v),
    );
    expect(everything).not.toContain(keyBody.slice(0, 40));
    expect(everything).not.toContain("PRIVATE KEY");
  });

  it("refuses a private key in DER (PKCS#8) or encrypted PEM just the same", async () => {
    const other = await makeCustomer(database.db, "d1");
    const before = await counts(database.db);
    const der = pki.privateKeyDer("der-leak");
    const encrypted = pki.encryptedPrivateKeyPem("enc-leak");
    for (const file of [
      der,
      `${encrypted}${pki.d1Csr({ identifier: other.identifier, environment: "PPR", keyName: "enc-leak" })}`,
    ]) {
      const result = await uploadAsset({
        db: database.db,
        actor: other.customer,
        connectionId: other.ppr,
        kind: "CUSTOMER_CSR",
        content: { file },
        confirmWarnings: true,
      });
      expect(result.status).toBe("rejected");
      expect(result.findings.map((f) => f.code)).toContain("PRIVATE_KEY_DETECTED");
    }
    expect(await counts(database.db)).toEqual({ ...before, audits: before.audits + 2 });
  });

  it("asks to confirm warnings before storing (missing DN parts), then stores on confirmation", async () => {
    const other = await makeCustomer(database.db, "d1");
    const csr = pki.d1Csr({ identifier: other.identifier, environment: "PPR", dn: "/C=FR/O=Acme Bank" });
    const before = await counts(database.db);
    const first = await upload(other.customer, other.ppr, csr);
    expect(first.status).toBe("needs-confirmation");
    expect(first.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "DN_ATTRIBUTE_MISSING" }),
    );
    expect(await counts(database.db)).toEqual(before);
    const dry = await upload(other.customer, other.ppr, csr, { confirmWarnings: true, dryRun: true });
    expect(dry.status).toBe("checked");
    expect(await counts(database.db)).toEqual(before);
    const second = await upload(other.customer, other.ppr, csr, { confirmWarnings: true });
    expect(second.status).toBe("stored");
    expect(await database.db.assetVersion.count()).toBe(before.versions + 1);
  });

  it("withdraws a SUBMITTED version when a new one is uploaded, with an audit row for each", async () => {
    const other = await makeCustomer(database.db, "d1");
    const first = await upload(
      other.customer,
      other.prd,
      pki.d1Csr({ identifier: other.identifier, environment: "PRD" }),
    );
    const second = await upload(
      other.customer,
      other.prd,
      pki.d1Csr({ identifier: other.identifier, environment: "PRD" }),
    );
    if (first.status !== "stored" || second.status !== "stored")
      throw new Error(`expected stored, got ${first.status}/${second.status}`);
    expect(second.seq).toBe(2);
    expect(second.assetId).toBe(first.assetId);
    const rows = await database.db.assetVersion.findMany({
      where: { assetId: first.assetId },
      orderBy: { seq: "asc" },
      select: { id: true, state: true },
    });
    expect(rows).toEqual([
      { id: first.versionId, state: "WITHDRAWN" },
      { id: second.versionId, state: "SUBMITTED" },
    ]);
    const withdrawn = await database.db.auditEvent.findMany({
      where: { targetId: first.versionId, action: "asset.withdraw" },
    });
    expect(withdrawn).toHaveLength(1);
    expect(JSON.parse(withdrawn[0]!.before!)).toEqual({ state: "SUBMITTED" });
  });

  it("takes an ISSUER_HOST with a DNS name on 443 or 8443 and refuses IPs, schemes and other ports", async () => {
    const host = (h: string, port: number) =>
      uploadAsset({
        db: database.db,
        actor: d1.customer,
        connectionId: d1.ppr,
        kind: "ISSUER_HOST",
        content: { host: h, port },
        confirmWarnings: false,
      });
    const good = await host("  API.Acme.Example. ", 8443);
    expect(good.status).toBe("stored");
    if (good.status === "stored") {
      expect(
        await database.db.assetVersion.findUniqueOrThrow({
          where: { id: good.versionId },
          select: { host: true, port: true, normalizedPem: true },
        }),
      ).toEqual({ host: "api.acme.example", port: 8443, normalizedPem: null });
    }
    const before = await counts(database.db);
    for (const [h, port, code] of [
      ["10.0.0.1", 443, "HOST_IS_IP"],
      ["https://api.acme.example", 443, "HOST_HAS_SCHEME"],
      ["api.acme.example", 8080, "PORT_NOT_ALLOWED"],
      ["*.acme.example", 443, "HOST_WILDCARD"],
      ["localhost", 443, "HOST_INVALID"],
    ] as const) {
      const r = await host(h, port);
      expect(r.status, `${h}:${port}`).toBe("rejected");
      expect(r.findings.map((f) => f.code)).toContain(code);
    }
    expect(await counts(database.db)).toEqual(before);
    await expectAppError(
      uploadAsset({
        db: database.db,
        actor: d1.customer,
        connectionId: d1.ppr,
        kind: "ISSUER_HOST",
        content: { file: "x" },
        confirmWarnings: true,
      }),
      "INVALID_INPUT",
    );
  });

  it("refuses the same CSR key on PRD after PPR (ENVIRONMENT_MIXUP), whatever the CN says", async () => {
    const other = await makeCustomer(database.db, "d1");
    const ppr = await upload(
      other.customer,
      other.ppr,
      pki.d1Csr({ identifier: other.identifier, environment: "PPR", keyName: "shared-key" }),
    );
    expect(ppr.status).toBe("stored");
    const before = await counts(database.db);
    const prd = await upload(
      other.customer,
      other.prd,
      pki.d1Csr({ identifier: other.identifier, environment: "PRD", keyName: "shared-key" }),
      { confirmWarnings: true },
    );
    expect(prd.status).toBe("rejected");
    expect(prd.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        code: "ENVIRONMENT_MIXUP",
        hint: expect.stringContaining("D1.PRD"),
      }),
    );
    // The check alone found nothing to fix; the service's ENVIRONMENT_MIXUP makes the command start with a new key.
    expect(prd.status !== "stored" && prd.fix?.command).toMatch(
      /^openssl ecparam -name prime256v1 -genkey -noout -out client\.key\n/,
    );
    expect(await counts(database.db)).toEqual(before);
    // A fresh key on PRD is fine.
    expect(
      (await upload(other.customer, other.prd, pki.d1Csr({ identifier: other.identifier, environment: "PRD" }))).status,
    ).toBe("stored");
  });

  it("takes the same trust store and the same server chain on PPR and PRD: one key per environment is for client credentials", async () => {
    const other = await makeCustomer(database.db, "d1");
    const chain = pki.serverChain("both-environments");
    for (const [kind, file] of [
      ["CUSTOMER_TRUST_STORE", chain.rootPem],
      ["CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", chain.chainPem],
    ] as const)
      for (const connectionId of [other.ppr, other.prd]) {
        const up = await upload(other.customer, connectionId, file, { kind, confirmWarnings: true });
        expect(
          up.findings.map((f) => f.code),
          `${kind} on ${connectionId === other.ppr ? "PPR" : "PRD"}`,
        ).not.toContain("ENVIRONMENT_MIXUP");
        expect(up.status).toBe("stored");
      }
  });

  it("finds a key of the other environment on a version without its pin, and fills the pins of such versions", async () => {
    const other = await makeCustomer(database.db, "d1");
    const stored = await upload(
      other.customer,
      other.prd,
      pki.d1Csr({ identifier: other.identifier, environment: "PRD", keyName: "pre-0024-key" }),
    );
    if (stored.status !== "stored") throw new Error(stored.status);
    const pinOf = async () =>
      (await database.db.assetVersion.findUniqueOrThrow({ where: { id: stored.versionId }, select: { keyPin: true } }))
        .keyPin;
    const pin = await pinOf();
    // An SPKI pin: SHA-256, base64.
    expect(pin).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const reuse = async () =>
      (
        await upload(
          other.customer,
          other.ppr,
          pki.d1Csr({ identifier: other.identifier, environment: "PPR", keyName: "pre-0024-key" }),
          { dryRun: true },
        )
      ).findings.map((f) => f.code);
    // As a version stored before migration 0024, or by an instance still on the previous release: no pin. It is
    // judged from its report.
    await database.db.assetVersion.updateMany({ data: { keyPin: null } });
    expect(await reuse()).toContain("ENVIRONMENT_MIXUP");
    // 0024's data step gives it the pin the upload would have, and the key is found by its pin.
    await runDataStep(database, "fill-key-pins");
    expect(await pinOf()).toBe(pin);
    expect(await reuse()).toContain("ENVIRONMENT_MIXUP");
  });

  it("refuses kinds that are not the customer's or not the program's, and delivery uploads", async () => {
    const before = await counts(database.db);
    await expectAppError(
      upload(d1.customer, d1.ppr, pki.caCertificate("thales-client"), { kind: "THALES_CLIENT_CA" }),
      "INVALID_INPUT",
    );
    await expectAppError(
      upload(d1.customer, d1.ppr, pki.tshClientCertificate("acme-ppr"), { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE" }),
      "INVALID_INPUT",
    );
    const delivery = await makeActor(database.db, "THALES_DELIVERY");
    await expectAppError(
      upload(delivery, d1.ppr, pki.d1Csr({ identifier: d1.identifier, environment: "PPR" })),
      "FORBIDDEN",
    );
    expect(await counts(database.db)).toEqual(before);
  });

  it("checks a TSH self-signed client certificate against the CN Thales set for the connection", async () => {
    const admin = await makeActor(database.db, "ADMIN");
    const tsh = await makeCustomer(database.db, "tsh", { admin });
    const cert = pki.tshClientCertificate("acme-tsh-ppr");
    const unknown = await upload(tsh.customer, tsh.ppr, cert, { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE" });
    expect(unknown.status).toBe("needs-confirmation");
    expect(unknown.findings.map((f) => f.code)).toContain("EXPECTED_CN_UNKNOWN");
    await setExpectedCn({ db: database.db, actor: admin, connectionId: tsh.ppr, expectedCn: "acme-tsh-ppr" });
    expect((await upload(tsh.customer, tsh.ppr, cert, { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE" })).status).toBe(
      "stored",
    );
    const wrong = await upload(tsh.customer, tsh.ppr, pki.tshClientCertificate("someone-else"), {
      kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      confirmWarnings: true,
    });
    expect(wrong.status).toBe("rejected");
    expect(wrong.findings).toContainEqual(
      expect.objectContaining({ code: "CN_MISMATCH", hint: expect.stringContaining("CN=acme-tsh-ppr") }),
    );
    const tooLong = await upload(tsh.customer, tsh.ppr, pki.tshClientCertificate("acme-tsh-ppr", 1095), {
      kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE",
      confirmWarnings: true,
    });
    expect(tooLong.findings.map((f) => f.code)).toContain("VALIDITY_TOO_LONG");
    await expectAppError(
      upload(tsh.customer, tsh.ppr, pki.d1Csr({ identifier: tsh.identifier, environment: "PPR" })),
      "INVALID_INPUT",
    );
  });
});
