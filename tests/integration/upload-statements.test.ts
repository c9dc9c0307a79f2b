import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/server/generated/sqlite/client";
import { PortalSqlite } from "@/lib/server/db/sqlite-adapter";
import type { Db } from "@/lib/server/db/client";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { freshDatabase, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeCustomer } from "./support/assets";
import { sqliteRowsRead } from "./support/rows-read";

/**
 * How many SQL statements one stored upload runs (issue 16: each costs CPU, and on SQLite those of its transaction
 * hold the one write lock every other upload waits for, decision 036): 15 for a first version, 13 for a replacement,
 * as Prisma logs them on SQLite (COMMIT included; the BEGIN IMMEDIATE of decision 033 is sent by the adapter and not
 * logged). A change that adds statements to this path fails here, listing what it ran.
 */
const STATEMENTS_PER_UPLOAD = 15;

describe("statements of one stored upload", () => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let client: PrismaClient;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    pki = pkiMaterial();
    const file = (database.config as { file: string }).file;
    client = new PrismaClient({
      adapter: new PortalSqlite({ url: `file:${file}` }),
      log: [{ emit: "event", level: "query" }],
    });
    // The client's type knows its log options only where it is made; this file keeps it as a plain PrismaClient.
    const logged = client as unknown as { $on(event: "query", listener: (e: { query: string }) => void): void };
    logged.$on("query", (event) => statements.push(event.query));
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
    pki?.dispose();
  });

  it(`is at most ${STATEMENTS_PER_UPLOAD}, for the first version and for a replacement`, async () => {
    const db = client as unknown as Db;
    const customer = await makeCustomer(db, "d1");
    for (const round of ["first", "replacement"]) {
      const csrPem = pki.d1Csr({ identifier: customer.identifier, environment: "PPR" });
      statements.length = 0;
      const up = await uploadAsset({
        db,
        actor: customer.customer,
        connectionId: customer.ppr,
        kind: "CUSTOMER_CSR",
        content: { file: csrPem },
        confirmWarnings: true,
      });
      expect(up.status, round).toBe("stored");
      expect(statements.length, `${round}:\n${statements.join("\n")}`).toBeLessThanOrEqual(STATEMENTS_PER_UPLOAD);
      expect(statements.length, round).toBeGreaterThan(3);
    }
  });

  // The answer to an upload (getAssetSummary) names the asset's newest version. Prisma applies a nested relation's
  // `take` after reading every related row, which made each upload read the asset's whole history (thousands of
  // versions after a minute of the bench's uploads to one connection).
  it("answers with the newest version without reading the asset's history", async () => {
    const db = client as unknown as Db;
    const customer = await makeCustomer(db, "d1");
    let stored: { assetId: string; versionId: string } | undefined;
    for (let i = 0; i < 25; i++) {
      const up = await uploadAsset({
        db,
        actor: customer.customer,
        connectionId: customer.ppr,
        kind: "CUSTOMER_CSR",
        content: { file: pki.d1Csr({ identifier: customer.identifier, environment: "PPR" }) },
        confirmWarnings: true,
      });
      if (up.status !== "stored") throw new Error(`upload ${i}: ${up.status}`);
      stored = up;
    }
    const { result: summary, rows } = await sqliteRowsRead(() =>
      getAssetSummary({ db, actor: customer.customer, ...stored! }),
    );
    expect(summary.versions[0]?.id).toBe(stored!.versionId);
    expect(rows).toBeLessThanOrEqual(3);
  });

  // ENVIRONMENT_MIXUP looks for the upload's key on the identifier's other environment. It read and parsed every
  // version of that environment's asset on each upload; it now seeks the key's pin (migration 0024).
  it("checks the other environment for the key without reading that environment's history", async () => {
    const db = client as unknown as Db;
    const customer = await makeCustomer(db, "d1");
    const upload = (connectionId: string, environment: "PPR" | "PRD", keyName?: string) =>
      uploadAsset({
        db,
        actor: customer.customer,
        connectionId,
        kind: "CUSTOMER_CSR",
        content: { file: pki.d1Csr({ identifier: customer.identifier, environment, keyName }) },
        confirmWarnings: true,
      });
    const HISTORY = 40;
    for (let i = 0; i < HISTORY; i++) {
      const up = await upload(customer.prd, "PRD", i === 0 ? "prd-first-key" : undefined);
      if (up.status !== "stored") throw new Error(`upload ${i}: ${up.status}`);
    }
    const fresh = await sqliteRowsRead(() => upload(customer.ppr, "PPR"));
    expect(fresh.result.status).toBe("stored");
    // The whole upload: its connection, asset, recipients and the answer's rows; the history alone would be 40.
    expect(fresh.rows).toBeLessThan(HISTORY / 2);
    // The oldest PRD version's key is still found.
    const reused = await sqliteRowsRead(() => upload(customer.ppr, "PPR", "prd-first-key"));
    expect(reused.result.findings.map((f) => f.code)).toContain("ENVIRONMENT_MIXUP");
    expect(reused.rows).toBeLessThan(HISTORY / 2);
    // Nor inside SQLite: the query seeks the pin within the sibling asset instead of walking its versions.
    const file = (database.config as { file: string }).file;
    const lookup = statements.find((sql) => sql.includes(`"keyPin" IN`));
    expect(lookup, statements.join("\n")).toBeDefined();
    const sqlite = new Database(file, { readonly: true });
    try {
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${lookup!.replace(/\?/g, "'x'")}`)
        .all()
        .map((row) => (row as { detail: string }).detail);
      const versionSteps = plan.filter((step) => /^(SCAN|SEARCH) v\b/.test(step));
      expect(versionSteps.length, plan.join("\n")).toBeGreaterThan(0);
      for (const step of versionSteps) expect(step).toMatch(/^SEARCH v USING INDEX \S+ \(assetId=\? AND keyPin=\?\)$/);
    } finally {
      sqlite.close();
    }
  });
});
