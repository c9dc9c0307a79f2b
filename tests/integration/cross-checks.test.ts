import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { crossCheckConnection } from "@/lib/server/connections/cross-check-connection";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeCustomer, type Customer } from "./support/assets";

/** Chain ↔ host and chain ↔ trust store, on upload (a warning to confirm) and when read (follows either side). */
describe.each(PROVIDERS)("cross-checks between assets on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let c: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    c = await makeCustomer(database.db, "d1");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });
  const upload = (
    kind: "ISSUER_HOST" | "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" | "CUSTOMER_TRUST_STORE",
    content: { file: string } | { host: string; port: number },
    confirmWarnings = false,
  ) => uploadAsset({ db: database.db, actor: c.customer, connectionId: c.ppr, kind, content, confirmWarnings });
  const codes = (fs: { code: string }[]) => fs.map((f) => f.code).filter((x) => x.startsWith("CROSS_"));

  it("a host the uploaded chain does not cover needs confirmation; a covered one does not", async () => {
    const chain = pki.serverChain("cross");
    const stored = await upload("CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", { file: chain.chainPem }, true);
    expect(stored.status).toBe("stored");
    const wrong = await upload("ISSUER_HOST", { host: "api.acme-bank.example", port: 8443 });
    expect(wrong.status).toBe("needs-confirmation");
    expect(codes(wrong.findings)).toEqual(["CROSS_HOST_NOT_COVERED"]);
    expect((await upload("ISSUER_HOST", { host: "api.acme-bank.example", port: 8443 }, true)).status).toBe("stored");
    expect(codes(await crossCheckConnection(database.db, c.ppr, new Date()))).toEqual(["CROSS_HOST_NOT_COVERED"]);
    // The host side changes: the board's cross-check follows.
    const right = await upload("ISSUER_HOST", { host: "api.acme.example", port: 443 });
    expect(codes(right.findings)).toEqual([]);
    expect(right.status).toBe("stored");
    expect(codes(await crossCheckConnection(database.db, c.ppr, new Date()))).toEqual([]);
  });

  it("a trust store with an unrelated root is flagged; the right root is not", async () => {
    const unrelated = await upload("CUSTOMER_TRUST_STORE", { file: pki.caCertificate("unrelated-root") });
    expect(codes(unrelated.findings)).toEqual(["CROSS_TRUST_STORE_DOES_NOT_ANCHOR"]);
    expect(unrelated.status).toBe("needs-confirmation");
    const right = await upload("CUSTOMER_TRUST_STORE", { file: pki.serverChain("cross").rootPem });
    expect(codes(right.findings)).toEqual([]);
  });
});
