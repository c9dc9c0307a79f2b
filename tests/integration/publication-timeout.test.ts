import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { publicationTimeoutMs } from "@/lib/assets/publication";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer, type Customer } from "./support/assets";

/**
 * Putting a publication in force writes every target's version, audit event and notice in one transaction. Its time
 * limit grows with the targets (publicationTimeoutMs) instead of the client's default for any transaction (Prisma's
 * 5 s), which a campaign of a few hundred connections on a loaded machine can pass. Shown with a client whose
 * default is 10 ms: 40 targets take longer than that, and still publish, on PreProd at once and on Production when
 * the second person approves. PostgreSQL only: Prisma enforces the limit with a timer, and on SQLite the statements
 * run synchronously one after the other, so the timer cannot fire until the transaction has ended (with the fixed
 * default, this test passes on SQLite and fails on PostgreSQL).
 */
describe("a publication's time limit", () => {
  it("grows with the targets, from 10 s", () => {
    expect(publicationTimeoutMs(1)).toBeGreaterThanOrEqual(10_000);
    expect(publicationTimeoutMs(500)).toBeGreaterThan(publicationTimeoutMs(40));
  });
});

describe.each(PROVIDERS.filter((p) => p === "postgresql"))("a publication's transaction time on %s", (provider) => {
  let database: TestDatabase;
  let hurried: Db;
  let pki: PkiMaterial;
  let delivery: Actor;
  let second: Actor;
  let customers: Customer[];
  beforeAll(async () => {
    database = await freshDatabase(provider);
    // The app's client, but its transactions time out after 10 ms unless a caller says otherwise.
    hurried = createDb(database.config, { transactionTimeoutMs: 10 });
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    second = await makeActor(database.db, "THALES_DELIVERY");
    const admin = await makeActor(database.db, "ADMIN");
    customers = [];
    for (let i = 0; i < 40; i++) customers.push(await makeCustomer(database.db, "d1", { admin }));
  });
  afterAll(async () => {
    await hurried?.$disconnect();
    await database?.drop();
    pki?.dispose();
  });
  /** A new Thales client CA published by delivery through the hurried client to one environment of every customer. */
  const publish = (environment: "ppr" | "prd") =>
    publishAsset({
      db: hurried,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: customers.map((c) => c[environment]),
      content: { file: pki.caCertificate(`timeout-${environment}`) },
    });

  it("publishes to 40 PreProd connections at once past the client's 10 ms default", async () => {
    const result = await publish("ppr");
    expect(result.ok && result.state).toBe("PUBLISHED");
    expect(result.ok && result.versionIds).toHaveLength(40);
  });

  it("puts 40 Production connections in force when the second person approves, past the same default", async () => {
    const requested = await publish("prd");
    expect(requested.ok && requested.state).toBe("PENDING");
    const decided = await decidePublication({
      db: hurried,
      actor: second,
      requestId: requested.ok ? requested.requestId : "",
      decision: "APPROVE",
    });
    expect(decided.state).toBe("PUBLISHED");
    expect(decided.versionIds).toHaveLength(40);
  });
});
