import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { listConnections } from "@/lib/server/connections/list-connections";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer, type Customer } from "./support/assets";

/**
 * Regressions for two bugs found while writing the asset integration tests (both fixed):
 * 1. Publishing validated Thales material as a customer trust store, so any leaf was an error: the TSH server
 *    chain and a CA bundle holding a leaf could not be published. Now a leaf is a warning for CA kinds (and
 *    left out of trust-store exports) and a note for the TSH server chain.
 * 2. listConnections let a caller's organizationId filter override the tenant scope. Tenancy is now an AND
 *    term the filter cannot replace.
 */
describe.each(PROVIDERS)("asset regressions on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let delivery: Actor;
  let tsh: Customer;
  let d1: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    tsh = await makeCustomer(database.db, "tsh");
    d1 = await makeCustomer(database.db, "d1");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  it("publish: publishes the TSH server certificate chain (leaf → intermediate → root) to a TSH connection", async () => {
    const chain = pki.serverChain("tsh-server");
    const result = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "TSH_TLS_SERVER_CERTIFICATE_CHAIN",
      connectionIds: [tsh.ppr],
      content: { file: chain.chainPem },
    });
    // Today: { ok: false, findings: [TRUST_STORE_NOT_CA (error)] }.
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    // The customer's trust store then holds the chain's CAs, never the leaf.
    const exported = await exportTrustStore({ db: database.db, actor: tsh.customer, connectionId: tsh.ppr });
    const fingerprints = (
      exported.body.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
    ).map((b) => new X509Certificate(b).fingerprint256);
    expect(fingerprints.sort()).toEqual(
      [
        new X509Certificate(chain.rootPem).fingerprint256,
        new X509Certificate(chain.intermediatePem).fingerprint256,
      ].sort(),
    );
  });

  it("publish: publishes a Thales client CA bundle that also holds a leaf with the NOT_A_CA_CERTIFICATE warning, and exports no leaf", async () => {
    const chain = pki.serverChain("thales-client");
    const result = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [d1.ppr],
      content: { file: chain.leafPem + chain.intermediatePem + chain.rootPem },
    });
    // Today: ok false with TRUST_STORE_NOT_CA (error) next to NOT_A_CA_CERTIFICATE (warning).
    expect(result).toMatchObject({
      ok: true,
      findings: expect.arrayContaining([
        expect.objectContaining({ severity: "warning", code: "NOT_A_CA_CERTIFICATE" }),
      ]),
    });
    const exported = await exportTrustStore({ db: database.db, actor: d1.customer, connectionId: d1.ppr });
    expect(exported.count).toBe(2);
    expect(exported.body).not.toContain("api.acme.example");
  });

  it("tenancy: a customer's organizationId filter does not widen listConnections beyond their organization", async () => {
    const other = await makeCustomer(database.db, "d1");
    const rows = await listConnections({
      db: database.db,
      actor: other.customer,
      filter: { organizationId: d1.organizationId },
    });
    // Today: d1's PPR and PRD connections, with organization name and readiness.
    expect(rows.map((r) => r.organizationId)).toEqual([]);
  });
});
