import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { toAppError } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

const RACERS = 20;

/**
 * Double clicks and racing reviewers (STYLE.md §9): the lifecycle transition is applied with
 * `where: { id, state: from }` inside one transaction, so exactly one of N concurrent requests wins and the
 * losers leave nothing behind (their Review row rolls back with them).
 */
describe.each(PROVIDERS)("concurrent requests on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewers: Actor[];
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewers = [];
    for (let i = 0; i < RACERS; i++) reviewers.push(await makeActor(database.db, "THALES_DELIVERY"));
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  async function submitCsr(customer: Customer, environment: "PPR" | "PRD"): Promise<string> {
    const result = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: environment === "PPR" ? customer.ppr : customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: customer.identifier, environment }) },
      confirmWarnings: false,
    });
    if (result.status !== "stored") throw new Error(`upload ${result.status}`);
    return result.versionId;
  }

  /** Settles all calls; every failure must be (or map to) CONFLICT, never an unknown error. */
  async function race<T>(calls: (() => Promise<T>)[]) {
    const settled = await Promise.allSettled(calls.map((call) => call()));
    const won = settled
      .filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === "fulfilled")
      .map((s) => s.value);
    const lost = settled
      .filter((s): s is PromiseRejectedResult => s.status === "rejected")
      .map((s) => s.reason as unknown);
    const codes = lost.map(
      (reason) => toAppError(reason)?.code ?? `unmapped: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
    return { won, lost, codes };
  }

  it(`lets exactly one of ${RACERS} distinct reviewers approve a PreProd version`, async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PPR");
    const { won, codes } = await race(
      reviewers.map((actor) => () => approveVersion({ db: database.db, actor, versionId })),
    );
    expect(codes.filter((c) => c !== "CONFLICT")).toEqual([]);
    expect(won).toHaveLength(1);
    expect(won[0]).toEqual({ state: "APPROVED", approvals: 1, required: 1 });
    expect(
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: versionId }, select: { state: true } }),
    ).toEqual({ state: "APPROVED" });
    // The losers' Review rows rolled back with their transactions.
    expect(await database.db.review.count({ where: { versionId } })).toBe(1);
    expect(await database.db.auditEvent.count({ where: { targetId: versionId, action: "asset.approve_final" } })).toBe(
      1,
    );
    expect(
      await database.db.auditEvent.count({ where: { targetId: versionId, action: { startsWith: "asset.approve" } } }),
    ).toBe(1);
  });

  it(`keeps four-eyes under a race: ${RACERS} reviewers on a Production version make one partial approval, then one final`, async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    const first = await race(reviewers.map((actor) => () => approveVersion({ db: database.db, actor, versionId })));
    expect(first.codes.filter((c) => c !== "CONFLICT")).toEqual([]);
    expect(first.won).toEqual([{ state: "IN_REVIEW", approvals: 1, required: 2 }]);
    expect(await database.db.review.count({ where: { versionId } })).toBe(1);
    const second = await race(reviewers.map((actor) => () => approveVersion({ db: database.db, actor, versionId })));
    expect(second.codes.filter((c) => c !== "CONFLICT")).toEqual([]);
    expect(second.won).toEqual([{ state: "APPROVED", approvals: 2, required: 2 }]);
    const reviews = await database.db.review.findMany({ where: { versionId }, select: { reviewerId: true } });
    expect(reviews).toHaveLength(2);
    expect(new Set(reviews.map((r) => r.reviewerId)).size).toBe(2);
    expect(
      await database.db.auditEvent.count({ where: { targetId: versionId, action: "asset.approve_partial" } }),
    ).toBe(1);
    expect(await database.db.auditEvent.count({ where: { targetId: versionId, action: "asset.approve_final" } })).toBe(
      1,
    );
  });

  it(`issues exactly one certificate for ${RACERS} concurrent signing requests on one approved CSR`, async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PPR");
    await approveVersion({ db: database.db, actor: reviewers[0]!, versionId });
    const { won, codes } = await race(
      reviewers.map((actor) => () => issueCertificate({ db: database.db, actor, versionId })),
    );
    expect(codes.filter((c) => c !== "CONFLICT")).toEqual([]);
    expect(won).toHaveLength(1);
    const issued = await database.db.assetVersion.findMany({
      where: { asset: { connectionId: customer.ppr, kind: "ISSUED_TLS_CLIENT_CERTIFICATE" } },
      select: { id: true, state: true, issuedFromVersionId: true },
    });
    expect(issued).toEqual([{ id: won[0]!.versionId, state: "PUBLISHED", issuedFromVersionId: versionId }]);
    expect(
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: versionId }, select: { state: true } }),
    ).toEqual({ state: "ISSUED" });
    expect(
      await database.db.auditEvent.count({ where: { action: "ca.signed", details: { contains: versionId } } }),
    ).toBe(1);
    expect(await database.db.auditEvent.count({ where: { targetId: versionId, action: "asset.issue" } })).toBe(1);
    // However many instances raced to create the signing CA, there is one.
    expect(await database.db.certificateAuthority.count()).toBe(1);
  });

  it("gives concurrent uploads to one asset distinct sequence numbers, or a CONFLICT, never a duplicate", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const csrs = Array.from({ length: 5 }, () => pki.d1Csr({ identifier: customer.identifier, environment: "PPR" }));
    const { won, codes } = await race(
      csrs.map(
        (file) => () =>
          uploadAsset({
            db: database.db,
            actor: customer.customer,
            connectionId: customer.ppr,
            kind: "CUSTOMER_CSR",
            content: { file },
            confirmWarnings: false,
          }),
      ),
    );
    expect(codes.filter((c) => c !== "CONFLICT")).toEqual([]);
    expect(won.length).toBeGreaterThanOrEqual(1);
    const versions = await database.db.assetVersion.findMany({
      where: { asset: { connectionId: customer.ppr } },
      select: { seq: true, state: true },
    });
    expect(versions).toHaveLength(won.length);
    expect(new Set(versions.map((v) => v.seq)).size).toBe(versions.length);
    expect(versions.filter((v) => v.state === "SUBMITTED")).toHaveLength(1);
  });
});
