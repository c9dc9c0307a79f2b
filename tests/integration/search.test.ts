import { createHash, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { searchVersions } from "@/lib/server/search/search-versions";
import { SEARCH_PAGE_SIZE } from "@/lib/assets/search";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { runDataStep } from "./support/data-step";
import { makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

/**
 * Search (issue 15): by serial (colons or not, any case), SHA-256 fingerprint, subject text and identifier;
 * Thales across organizations, a customer in its own only (another organization's serial: no result, no error).
 */
describe.each(PROVIDERS)("search on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let a: Customer;
  let b: Customer;
  let delivery: Actor;
  let caSerial: string;
  let caVersion: string;
  let csrSha256: string;
  let csrVersion: string;
  const search = (actor: Actor, q: string, page = 1) => searchVersions({ db: database.db, actor, query: { q, page } });

  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    const admin = await makeActor(database.db, "ADMIN");
    a = await makeCustomer(database.db, "d1", { admin });
    b = await makeCustomer(database.db, "d1", { admin });
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    const csr = pki.d1Csr({ identifier: a.identifier, environment: "PPR" });
    const stored = await uploadAsset({
      db: database.db,
      actor: a.customer,
      connectionId: a.ppr,
      kind: "CUSTOMER_CSR",
      content: { file: csr },
      confirmWarnings: true,
    });
    if (stored.status !== "stored") throw new Error(JSON.stringify(stored.findings));
    csrVersion = stored.versionId;
    const der = Buffer.from(csr.replace(/-----[^-]+-----|\s/g, ""), "base64");
    csrSha256 = createHash("sha256").update(der).digest("hex");
    const ca = pki.caCertificate("search-thales-client");
    // The serial as Node's own X.509 parser reads it, not ours.
    caSerial = new X509Certificate(ca).serialNumber;
    const published = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [a.ppr],
      content: { file: ca },
    });
    if (!published.ok) throw new Error(JSON.stringify(published.findings));
    caVersion = published.versionIds[0]!;
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  it("finds a certificate by serial with or without colons, in any case, for Thales", async () => {
    const colons = caSerial.toLowerCase().match(/../g)!.join(":");
    for (const q of [caSerial, colons, ` ${caSerial.toLowerCase()} `]) {
      const found = await search(delivery, q);
      expect(
        found.items.map((hit) => hit.versionId),
        q,
      ).toContain(caVersion);
      const hit = found.items.find((h) => h.versionId === caVersion)!;
      expect(hit.kind).toBe("THALES_CLIENT_CA");
      expect(hit.identifier).toBe(a.identifier);
    }
  });

  it("finds a CSR by its SHA-256 fingerprint, by subject text and by identifier", async () => {
    expect((await search(delivery, csrSha256)).items.map((h) => h.versionId)).toEqual([csrVersion]);
    expect((await search(delivery, csrSha256.toUpperCase().match(/../g)!.join(":"))).items).toHaveLength(1);
    const bySubject = await search(delivery, `d1.ppr`);
    expect(bySubject.items.map((h) => h.versionId)).toContain(csrVersion);
    expect(bySubject.items.find((h) => h.versionId === csrVersion)!.subject).toContain(a.identifier);
    // Typed in lower case (PostgreSQL's LIKE is case-sensitive; identifiers are stored upper-case), newest first.
    const byIdentifier = await search(delivery, a.identifier.toLowerCase());
    expect(byIdentifier.items.map((h) => h.versionId)).toEqual([caVersion, csrVersion]);
    expect((await search(delivery, a.identifier.slice(2, -1))).items.map((h) => h.versionId)).toEqual([
      caVersion,
      csrVersion,
    ]);
  });

  it("keeps a customer to its own organization: another's serial, fingerprint or identifier finds nothing", async () => {
    expect((await search(a.customer, caSerial)).items.map((h) => h.versionId)).toEqual([caVersion]);
    for (const q of [caSerial, csrSha256, a.identifier, "acme bank"]) {
      const found = await search(b.customer, q);
      expect(found.items, q).toEqual([]);
      expect(found.hasMore).toBe(false);
    }
  });

  it("treats LIKE wildcards as text and pages the results", async () => {
    expect((await search(delivery, "%")).items).toEqual([]);
    expect((await search(delivery, "%%__")).items).toEqual([]);
    const first = await search(delivery, "acme bank");
    expect(first.items.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE);
    expect((await search(delivery, "acme bank", 2)).items).toEqual([]);
  });

  it("fills the search columns of versions stored before migration 0021 from their reports", async () => {
    await database.db.assetVersion.updateMany({ data: { serialHex: null, subjectSearch: null } });
    expect((await search(delivery, caSerial)).items).toEqual([]);
    await runDataStep(database, "fill-search-columns");
    expect((await search(delivery, caSerial)).items.map((h) => h.versionId)).toEqual([caVersion]);
    expect((await search(delivery, "d1.ppr")).items.map((h) => h.versionId)).toContain(csrVersion);
  });

  it("finds an identifier holding an underscore, in any case, and takes the underscore literally", async () => {
    const suffix = Math.random().toString(36).slice(2, 6).toUpperCase();
    const c = await makeCustomer(database.db, "d1", { identifier: `US_${suffix}` });
    const published = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [c.ppr],
      content: { file: pki.caCertificate(`search-underscore-${suffix}`) },
    });
    if (!published.ok) throw new Error(JSON.stringify(published.findings));
    // The new connection also holds the Thales client CA already in force (published in beforeAll).
    for (const q of [`US_${suffix}`, `us_${suffix.toLowerCase()}`, `s_${suffix.slice(0, 2)}`]) {
      const found = (await search(delivery, q)).items;
      expect(
        found.map((h) => h.versionId),
        q,
      ).toContain(published.versionIds[0]);
      expect([...new Set(found.map((h) => h.identifier))], q).toEqual([`US_${suffix}`]);
    }
    // "_" is not LIKE's any-character here: "USX…" is another identifier.
    expect((await search(delivery, `USX${suffix}`)).items).toEqual([]);
  });
});
