import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { showSigningCa } from "@/lib/server/ca/signing-ca";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret";

describe.each(PROVIDERS)("the CA page's service on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("shows the CA certificate to delivery and admins, never its key, and refuses customers itself", async () => {
    for (const role of ["THALES_DELIVERY", "ADMIN"] as const) {
      const info = await showSigningCa({ db: database.db, actor: await makeUser(database.db, role) });
      expect(info.certificatePem).toContain("BEGIN CERTIFICATE");
      expect(JSON.stringify(info)).not.toMatch(/PRIVATE KEY|encryptedKey/);
    }
    await expect(
      showSigningCa({ db: database.db, actor: await makeUser(database.db, "CUSTOMER") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
