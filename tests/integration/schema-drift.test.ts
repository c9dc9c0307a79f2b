import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualColumns, driftBetween, expectedTables } from "./support/schema-drift";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";

const schema = readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");

describe.each(PROVIDERS)("Prisma schema and committed %s migrations", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("have every model and field, with the same nullability, and nothing else", async () => {
    expect(driftBetween(expectedTables(schema), await actualColumns(database.db, provider))).toEqual([]);
  });

  it("would report a field added to the schema without SQL", async () => {
    const edited = schema.replace("model User {", "model User {\n  phone String?");
    expect(driftBetween(expectedTables(edited), await actualColumns(database.db, provider))).toEqual([
      "column User.phone is in the schema but not in the migrations",
    ]);
  });

  it("would report a model added to the schema without SQL", async () => {
    const edited = `${schema}\nmodel Extra {\n  id String @id\n}\n`;
    expect(driftBetween(expectedTables(edited), await actualColumns(database.db, provider))).toContain(
      "table Extra is in the schema but not in the migrations",
    );
  });

  it("round-trips every model through the generated client", async () => {
    // Reading each table through Prisma proves the column types are ones the client can decode.
    const { db } = database;
    await Promise.all([
      db.organization.findMany(),
      db.user.findMany(),
      db.loginAttempt.findMany(),
      db.auditEvent.findMany(),
      db.identifier.findMany(),
      db.connection.findMany(),
      db.asset.findMany(),
      db.assetVersion.findMany(),
      db.review.findMany(),
      db.certificateAuthority.findMany(),
      db.apiToken.findMany(),
      db.mfaRecoveryCode.findMany(),
      db.organizationDomain.findMany(),
    ]);
  });
});
