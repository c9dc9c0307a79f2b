import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { withdrawVersion } from "@/lib/server/assets/withdraw-version";
import { getVersion } from "@/lib/server/assets/get-version";
import { getAsset } from "@/lib/server/assets/get-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { assetSummaryDto } from "@/lib/server/api/dto";
import { listReviewQueue } from "@/lib/server/assets/list-review-queue";
import { listConnections } from "@/lib/server/connections/list-connections";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, insertVersion, makeActor, makeCustomer, type Customer } from "./support/assets";

/** Four-eyes review (approve-version.ts, reject-version.ts) and the Thales review queue. */
describe.each(PROVIDERS)("review on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewers: Actor[];
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewers = [];
    for (let i = 0; i < 3; i++) reviewers.push(await makeActor(database.db, "THALES_DELIVERY"));
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  async function submitCsr(customer: Customer, environment: "PPR" | "PRD", createdAt?: Date): Promise<string> {
    const result = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: environment === "PPR" ? customer.ppr : customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: customer.identifier, environment }) },
      confirmWarnings: false,
      now: createdAt,
    });
    if (result.status !== "stored") throw new Error(`upload ${result.status}: ${JSON.stringify(result.findings)}`);
    return result.versionId;
  }
  const approve = (actor: Actor, versionId: string) => approveVersion({ db: database.db, actor, versionId });

  it("approves a PreProd version with one approval and makes it the version in force", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PPR");
    expect(await approve(reviewers[0]!, versionId)).toEqual({ state: "APPROVED", approvals: 1, required: 1 });
    const asset = await database.db.asset.findFirstOrThrow({ where: { versions: { some: { id: versionId } } } });
    expect(asset.currentVersionId).toBe(versionId);
    const events = await database.db.auditEvent.findMany({ where: { targetId: versionId }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(["asset.approve_final", "asset.uploaded"]);
    await expectAppError(approve(reviewers[1]!, versionId), "CONFLICT");
  });

  it("answers commands with the same asset summary as the full view, reading only the newest and current versions", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const approved = await submitCsr(customer, "PPR");
    await approve(reviewers[0]!, approved);
    const first = await submitCsr(customer, "PPR");
    const newest = await submitCsr(customer, "PPR");
    const { assetId } = await database.db.assetVersion.findUniqueOrThrow({ where: { id: newest } });
    const db = database.db;
    const full = await getAsset({ db, actor: customer.customer, assetId });
    const summary = await getAssetSummary({ db, actor: customer.customer, assetId, versionId: first });
    expect(assetSummaryDto(summary)).toEqual(assetSummaryDto(full));
    expect(summary).toMatchObject({ state: "SUBMITTED", currentVersionId: approved });
    // Newest first, then the one in force and the one asked for (withdrawn by the newest upload): never the whole history.
    expect(summary.versions.map((v) => [v.id, v.state])).toEqual([
      [newest, "SUBMITTED"],
      [first, "WITHDRAWN"],
      [approved, "APPROVED"],
    ]);
    const other = await makeCustomer(db, "d1");
    await expectAppError(getAssetSummary({ db, actor: other.customer, assetId }), "NOT_FOUND");
  });

  it("needs two distinct approvers in Production: IN_REVIEW, same reviewer again CONFLICT, second one APPROVED", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    expect(await approve(reviewers[0]!, versionId)).toEqual({ state: "IN_REVIEW", approvals: 1, required: 2 });
    const asset = await database.db.asset.findFirstOrThrow({ where: { versions: { some: { id: versionId } } } });
    expect(asset.currentVersionId).toBeNull();
    const before = await dbState(database.db);
    await expectAppError(approve(reviewers[0]!, versionId), "CONFLICT");
    expect(await dbState(database.db)).toEqual(before);
    expect(await approve(reviewers[1]!, versionId)).toEqual({ state: "APPROVED", approvals: 2, required: 2 });
    expect((await database.db.asset.findUniqueOrThrow({ where: { id: asset.id } })).currentVersionId).toBe(versionId);
    const reviews = await database.db.review.findMany({
      where: { versionId },
      select: { reviewerId: true, decision: true },
    });
    expect(reviews.map((r) => r.reviewerId).sort()).toEqual([reviewers[0]!.id, reviewers[1]!.id].sort());
    const detail = await getVersion({ db: database.db, actor: customer.customer, versionId });
    expect(detail).toMatchObject({ state: "APPROVED", approvalsRequired: 2, current: true });
    expect(detail.reviews.map((r) => r.decision)).toEqual(["APPROVE", "APPROVE"]);
  });

  it("never lets a Thales user approve a version they uploaded, in either environment", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const uploader = reviewers[2]!;
    for (const connectionId of [customer.ppr, customer.prd]) {
      const versionId = await insertVersion(database.db, {
        connectionId,
        kind: "CUSTOMER_CSR",
        uploadedById: uploader.id,
      });
      const before = await dbState(database.db);
      await expectAppError(approve(uploader, versionId), "FORBIDDEN");
      expect(await dbState(database.db)).toEqual(before);
      if (connectionId === customer.prd) {
        expect((await approve(reviewers[0]!, versionId)).state).toBe("IN_REVIEW");
        await expectAppError(approve(uploader, versionId), "FORBIDDEN");
        expect((await approve(reviewers[1]!, versionId)).state).toBe("APPROVED");
      }
    }
  });

  it("rejects only with a reason, stores it, and shows it to the customer", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    const before = await dbState(database.db);
    for (const reason of ["", "  ", "no", "x".repeat(2001)]) {
      await expectAppError(
        rejectVersion({ db: database.db, actor: reviewers[0]!, versionId, reason }),
        "INVALID_INPUT",
      );
    }
    expect(await dbState(database.db)).toEqual(before);
    expect(await approve(reviewers[0]!, versionId)).toMatchObject({ state: "IN_REVIEW" });
    const reason = "  The OU must be Payments Production, see the onboarding guide.  ";
    expect(await rejectVersion({ db: database.db, actor: reviewers[1]!, versionId, reason })).toEqual({
      state: "REJECTED",
    });
    const row = await database.db.assetVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(row).toMatchObject({ state: "REJECTED", rejectionReason: reason.trim() });
    const detail = await getVersion({ db: database.db, actor: customer.customer, versionId });
    expect(detail.rejectionReason).toBe(reason.trim());
    // The board carries the reason too, with the next action (issue 15), read by the board's own query.
    const [board] = await listConnections({ db: database.db, actor: customer.customer, filter: { id: customer.prd } });
    expect(board!.readiness.items.find((i) => i.kind === "CUSTOMER_CSR")).toMatchObject({
      state: "REJECTED",
      waitingOn: "customer",
      reason: reason.trim(),
    });
    expect(detail.reviews).toContainEqual(
      expect.objectContaining({ decision: "REJECT", reason: reason.trim(), reviewer: reviewers[1]!.email }),
    );
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: versionId, action: "asset.reject" },
    });
    expect(JSON.parse(audit.details!)).toEqual({ reason: reason.trim() });
    // Rejected is final: no approval, no second rejection, no withdrawal.
    await expectAppError(approve(reviewers[2]!, versionId), "CONFLICT");
    await expectAppError(
      rejectVersion({ db: database.db, actor: reviewers[2]!, versionId, reason: "again, really" }),
      "CONFLICT",
    );
    await expectAppError(withdrawVersion({ db: database.db, actor: customer.customer, versionId }), "CONFLICT");
    // The customer uploads a fixed one, which is not blocked by the rejected one.
    expect(await submitCsr(customer, "PRD")).toBeTruthy();
  });

  it("lets the customer withdraw a version before review, and not after", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PPR");
    expect(await withdrawVersion({ db: database.db, actor: customer.customer, versionId })).toEqual({
      state: "WITHDRAWN",
    });
    await expectAppError(approve(reviewers[0]!, versionId), "CONFLICT");
    const approvedId = await submitCsr(customer, "PPR");
    await approve(reviewers[0]!, approvedId);
    await expectAppError(
      withdrawVersion({ db: database.db, actor: customer.customer, versionId: approvedId }),
      "CONFLICT",
    );
  });

  it("withdraws a PRD version holding one of its two approvals: the approval stays in its history, a new upload is taken", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    await approve(reviewers[0]!, versionId);
    expect(await withdrawVersion({ db: database.db, actor: customer.customer, versionId })).toEqual({
      state: "WITHDRAWN",
    });
    // Final: the second approver is too late, and it cannot be withdrawn twice.
    await expectAppError(approve(reviewers[1]!, versionId), "CONFLICT");
    await expectAppError(withdrawVersion({ db: database.db, actor: customer.customer, versionId }), "CONFLICT");
    const detail = await getVersion({ db: database.db, actor: customer.customer, versionId });
    expect(detail.state).toBe("WITHDRAWN");
    expect(detail.reviews).toEqual([expect.objectContaining({ decision: "APPROVE", reviewer: reviewers[0]!.email })]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: versionId, action: "asset.withdraw" },
    });
    expect([JSON.parse(audit.before!), JSON.parse(audit.after!), audit.actorId]).toEqual([
      { state: "IN_REVIEW" },
      { state: "WITHDRAWN" },
      customer.customer.id,
    ]);
    const next = await submitCsr(customer, "PRD");
    expect((await getVersion({ db: database.db, actor: customer.customer, versionId: next })).state).toBe("SUBMITTED");
  });

  it("a new upload withdraws a PRD version half-way through its review, through the lifecycle table and audited", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    await approve(reviewers[0]!, versionId);
    const next = await submitCsr(customer, "PRD");
    const rows = await database.db.assetVersion.findMany({
      where: { id: { in: [versionId, next] } },
      orderBy: { seq: "asc" },
      select: { state: true },
    });
    expect(rows.map((r) => r.state)).toEqual(["WITHDRAWN", "SUBMITTED"]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: versionId, action: "asset.withdraw" },
    });
    expect([JSON.parse(audit.before!), JSON.parse(audit.details!)]).toEqual([
      { state: "IN_REVIEW" },
      { reason: "replaced by a new upload" },
    ]);
    expect(await database.db.review.count({ where: { versionId } })).toBe(1);
  });

  it("filters the review queue by program, environment, organization, state and age, oldest first", async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const d1 = await makeCustomer(database.db, "d1");
    const ecom = await makeCustomer(database.db, "d1-ecom");
    const tsh = await makeCustomer(database.db, "tsh");
    const oldPpr = await submitCsr(d1, "PPR", daysAgo(10));
    const newPrd = await submitCsr(d1, "PRD", daysAgo(1));
    const ecomPpr = await submitCsr(ecom, "PPR", daysAgo(5));
    const ecomPrd = await submitCsr(ecom, "PRD", daysAgo(3));
    await approve(reviewers[0]!, ecomPrd); // IN_REVIEW
    const tshHost = await uploadAsset({
      db: database.db,
      actor: tsh.customer,
      connectionId: tsh.prd,
      kind: "ISSUER_HOST",
      content: { host: "api.tsh.example", port: 443 },
      confirmWarnings: false,
      now: daysAgo(2),
    });
    if (tshHost.status !== "stored") throw new Error("host upload failed");
    await approve(reviewers[0]!, oldPpr); // APPROVED CSR: waits for signing
    const mine = [oldPpr, newPrd, ecomPpr, ecomPrd, tshHost.versionId];
    const queue = async (filter: Parameters<typeof listReviewQueue>[0]["filter"]) =>
      (await listReviewQueue({ db: database.db, actor: reviewers[1]!, filter, now })).items
        .filter((r) => mine.includes(r.id))
        .map((r) => r.id);

    expect(await queue({})).toEqual([ecomPpr, ecomPrd, tshHost.versionId, newPrd]);
    expect(await queue({ program: "d1-ecom" })).toEqual([ecomPpr, ecomPrd]);
    expect(await queue({ program: "tsh" })).toEqual([tshHost.versionId]);
    expect(await queue({ environment: "PRD" })).toEqual([ecomPrd, tshHost.versionId, newPrd]);
    expect(await queue({ organizationId: d1.organizationId })).toEqual([newPrd]);
    expect(await queue({ state: "IN_REVIEW" })).toEqual([ecomPrd]);
    expect(await queue({ state: "APPROVED" })).toEqual([oldPpr]);
    expect(await queue({ minAgeDays: 3 })).toEqual([ecomPpr, ecomPrd]);
    expect(await queue({ minAgeDays: 0 })).toEqual([ecomPpr, ecomPrd, tshHost.versionId, newPrd]);
    expect(await queue({ program: "d1", environment: "PRD", minAgeDays: 1 })).toEqual([newPrd]);
    // A page of the queue: the same order, and the count of the whole queue beside it.
    const whole = await listReviewQueue({ db: database.db, actor: reviewers[1]!, filter: {}, now });
    const page = await listReviewQueue({ db: database.db, actor: reviewers[1]!, filter: {}, limit: 2, offset: 1, now });
    expect(whole.total).toBe(whole.items.length);
    expect(whole.total).toBeGreaterThanOrEqual(mine.length - 1);
    expect(page.total).toBe(whole.total);
    expect(page.items.map((r) => r.id)).toEqual(whole.items.slice(1, 3).map((r) => r.id));
    const row = (
      await listReviewQueue({ db: database.db, actor: reviewers[1]!, filter: { state: "IN_REVIEW" }, now })
    ).items.find((r) => r.id === ecomPrd)!;
    expect(row).toMatchObject({
      kind: "CUSTOMER_CSR",
      environment: "PRD",
      program: "d1-ecom",
      identifier: ecom.identifier,
      ageDays: 3,
      approvals: [reviewers[0]!.email],
      uploadedBy: ecom.customer.email,
      organization: { id: ecom.organizationId },
    });
  });
});
