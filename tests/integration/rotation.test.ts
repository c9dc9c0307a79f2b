import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { getAsset } from "@/lib/server/assets/get-asset";
import { retireVersions } from "@/lib/server/assets/retire-versions";
import { getBackendView } from "@/lib/server/connections/get-backend-view";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { listConnections } from "@/lib/server/connections/list-connections";
import { createDb } from "@/lib/server/db/client";
import { JOBS } from "@/lib/server/jobs/job-table";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";
import { notificationConfig } from "@/lib/server/notifications/config";
import type { AssetKind } from "@/lib/assets/kinds";
import type { Actor } from "@/lib/server/actor";
import { runJobOnce } from "../support/jobs-cli";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { counts, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";

const DAY = 86_400_000;

const text = (body: Uint8Array | string) => (typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;

/** Renewal with overlap: the services (upload with a cut-over, approval, issuing), every export, and the retire-versions job. */
describe.each(PROVIDERS)("rotation with overlap on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewers: [Actor, Actor];
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewers = [await makeActor(database.db, "THALES_DELIVERY"), await makeActor(database.db, "THALES_DELIVERY")];
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  /** A CSR uploaded and approved (two reviewers on PRD), then signed with the portal CA: the certificate version. */
  async function issued(customer: Customer, environment: "PPR" | "PRD", cutOverAt?: Date) {
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: environment === "PPR" ? customer.ppr : customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: customer.identifier, environment }) },
      confirmWarnings: false,
      cutOverAt,
    });
    if (up.status !== "stored") throw new Error(`upload ${up.status}`);
    for (const reviewer of environment === "PRD" ? reviewers : [reviewers[0]])
      await approveVersion({ db: database.db, actor: reviewer, versionId: up.versionId });
    const cert = await issueCertificate({ db: database.db, actor: reviewers[1], versionId: up.versionId });
    const assetId = (
      await database.db.assetVersion.findUniqueOrThrow({ where: { id: cert.versionId }, select: { assetId: true } })
    ).assetId;
    return { csrVersionId: up.versionId, versionId: cert.versionId, assetId };
  }
  const state = async (versionId: string) =>
    await database.db.assetVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { state: true, retireAt: true },
    });
  const board = async (actor: Actor, connectionId: string) =>
    (await listConnections({ db: database.db, actor, filter: { id: connectionId } }))[0]!;
  const leafPem = async (actor: Actor, versionId: string) =>
    text((await downloadVersion({ db: database.db, actor, versionId, format: "pem" })).body);

  it("renews a D1 PRD certificate: both in force, downloadable and in the backend view until the cut-over, then the new one alone", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const old = await issued(customer, "PRD");
    const cutOver = new Date(Date.now() + 10 * DAY);
    const renewal = await issued(customer, "PRD", cutOver);
    expect(renewal.assetId).toBe(old.assetId);
    expect(await state(old.versionId)).toEqual({ state: "RETIRING", retireAt: cutOver });
    // The old CSR is superseded at once: a CSR is installed nowhere, its certificate carries the overlap.
    expect((await state(old.csrVersionId)).state).toBe("SUPERSEDED");

    const { inForce } = await getAsset({ db: database.db, actor: customer.customer, assetId: old.assetId });
    expect(inForce.map((v) => [v.id, v.retireAt])).toEqual([
      [renewal.versionId, null],
      [old.versionId, cutOver],
    ]);
    const [oldPem, newPem] = [
      await leafPem(customer.customer, old.versionId),
      await leafPem(customer.customer, renewal.versionId),
    ];
    expect(serialOf(oldPem)).not.toBe(serialOf(newPem));
    const accepted = async () =>
      (await getBackendView({ db: database.db, actor: reviewers[0], connectionId: customer.prd }))
        .filter((e) => e.role === "accepts")
        .flatMap((e) => e.certificates.map((c) => c.serialNumber.replace(/^0+/, "").toUpperCase()));
    expect((await accepted()).sort()).toEqual(
      [serialOf(oldPem), serialOf(newPem)].map((s) => s.replace(/^0+/, "")).sort(),
    );
    expect((await board(customer.customer, customer.prd)).rotationUntil).toEqual(cutOver);
    const overlap = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: old.versionId, action: "asset.overlap" },
    });
    expect([JSON.parse(overlap.before!), JSON.parse(overlap.after!), JSON.parse(overlap.details!)]).toEqual([
      { state: "PUBLISHED" },
      { state: "RETIRING" },
      { supersededBy: renewal.versionId, retireAt: cutOver.toISOString() },
    ]);

    // Before the cut-over the job leaves it; after it, the old one is retired once, audited, both sides told.
    expect(await retireVersions({ db: database.db, now: new Date(cutOver.getTime() - 60_000) })).toMatchObject({
      retired: 0,
    });
    expect((await state(old.versionId)).state).toBe("RETIRING");
    expect(await retireVersions({ db: database.db, now: new Date(cutOver.getTime() + 60_000) })).toMatchObject({
      retired: 1,
    });
    expect((await state(old.versionId)).state).toBe("SUPERSEDED");
    const retire = await database.db.auditEvent.findFirstOrThrow({
      where: { targetId: old.versionId, action: "asset.retire" },
    });
    expect([retire.actorId, JSON.parse(retire.before!), JSON.parse(retire.after!)]).toEqual([
      null,
      { state: "RETIRING" },
      { state: "SUPERSEDED" },
    ]);
    const notices = await database.db.outboxEvent.findMany({
      where: { type: "version.retired" },
      select: { payload: true },
    });
    expect(notices.map((n) => JSON.parse(n.payload).versionId)).toContain(old.versionId);

    expect(
      (await getAsset({ db: database.db, actor: customer.customer, assetId: old.assetId })).inForce.map((v) => v.id),
    ).toEqual([renewal.versionId]);
    await expectAppError(
      downloadVersion({ db: database.db, actor: customer.customer, versionId: old.versionId, format: "pem" }),
      "CONFLICT",
    );
    expect(await leafPem(customer.customer, renewal.versionId)).toBe(newPem);
    expect(await accepted()).toEqual([serialOf(newPem).replace(/^0+/, "")]);
    expect((await board(customer.customer, customer.prd)).rotationUntil).toBeNull();
  });

  it("defaults the cut-over to the old certificate's expiry and never lets it run past it", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const first = await issued(customer, "PPR");
    const { notAfter } = await database.db.assetVersion.findUniqueOrThrow({
      where: { id: first.versionId },
      select: { notAfter: true },
    });
    const second = await issued(customer, "PPR");
    expect(await state(first.versionId)).toEqual({ state: "RETIRING", retireAt: notAfter });
    const third = await issued(customer, "PPR", new Date(notAfter!.getTime() + 400 * DAY));
    // The third renewal overlaps the second until the second expires; the first keeps its own cut-over.
    expect((await state(second.versionId)).retireAt!.getTime()).toBeLessThanOrEqual(notAfter!.getTime() + 60_000);
    expect(
      (await getAsset({ db: database.db, actor: customer.customer, assetId: first.assetId })).inForce.map((v) => v.id),
    ).toEqual([third.versionId, second.versionId, first.versionId]);
  });

  it("carries old and new server CAs in the Thales backend trust store during the overlap, only the new ones after", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const upload = async (name: string, cutOverAt?: Date) => {
      const chain = pki.serverChain(name);
      const up = await uploadAsset({
        db: database.db,
        actor: customer.customer,
        connectionId: customer.ppr,
        kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
        content: { file: chain.chainPem },
        confirmWarnings: true,
        cutOverAt,
      });
      if (up.status !== "stored") throw new Error(`upload ${up.status}: ${JSON.stringify(up.findings)}`);
      await approveVersion({ db: database.db, actor: reviewers[0], versionId: up.versionId });
      return { ...chain, versionId: up.versionId };
    };
    const fingerprints = async () => {
      const file = await exportTrustStore({
        db: database.db,
        actor: reviewers[0],
        connectionId: customer.ppr,
        audience: "thales-backend",
      });
      return [...text(file.body).matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)]
        .map((m) => new X509Certificate(m[0]).fingerprint256)
        .sort();
    };
    const fp = (pem: string) => new X509Certificate(pem).fingerprint256;
    const a = await upload("rotation-old");
    const cutOver = new Date(Date.now() + 3 * DAY);
    const b = await upload("rotation-new", cutOver);
    expect((await state(a.versionId)).state).toBe("RETIRING");
    expect(await fingerprints()).toEqual([a.rootPem, a.intermediatePem, b.rootPem, b.intermediatePem].map(fp).sort());
    const backend = await getBackendView({ db: database.db, actor: reviewers[0], connectionId: customer.ppr });
    expect(backend.filter((e) => e.role === "trusts").map((e) => [e.versionId, e.retireAt])).toEqual([
      [b.versionId, null],
      [a.versionId, cutOver],
    ]);
    await retireVersions({ db: database.db, now: new Date(cutOver.getTime() + 1000) });
    expect(await fingerprints()).toEqual([b.rootPem, b.intermediatePem].map(fp).sort());
    // What the customer sent stays downloadable as the record of what was reviewed.
    expect(
      (await downloadVersion({ db: database.db, actor: customer.customer, versionId: a.versionId, format: "pem" }))
        .filename,
    ).toContain("-v1");
  });

  /** Three old certificates in force beside their renewals until `cutOver`. */
  async function threeRotations(cutOver: Date): Promise<string[]> {
    const customer = await makeCustomer(database.db, "d1");
    const retiring: string[] = [];
    for (let i = 0; i < 3; i++) {
      const first = await issued(customer, "PPR");
      await issued(customer, "PPR", cutOver);
      retiring.push(first.versionId);
    }
    return retiring;
  }
  async function expectRetiredOnce(retiring: string[]) {
    for (const id of retiring) {
      expect((await state(id)).state).toBe("SUPERSEDED");
      expect(await database.db.auditEvent.count({ where: { targetId: id, action: "asset.retire" } })).toBe(1);
      expect(await database.db.outboxEvent.count({ where: { dedupeKey: `retired:${id}` } })).toBe(1);
    }
  }

  it("retires each version once when two job runs race (on PostgreSQL two clients, as two instances), and through the job table's lease", async () => {
    const cutOver = new Date(Date.now() + DAY);
    const retiring = await threeRotations(cutOver);
    // SQLite serves one instance: its runs share the one client (better-sqlite3 blocks the event loop on a lock).
    const second = provider === "postgresql" ? createDb(database.config) : database.db;
    try {
      const now = new Date(cutOver.getTime() + 1000);
      const runs = await Promise.all([retireVersions({ db: database.db, now }), retireVersions({ db: second, now })]);
      expect(runs.reduce((n, r) => n + r.retired!, 0)).toBe(retiring.length);
      await expectRetiredOnce(retiring);
      // The scheduler's path: two instances tick at once, the lease lets one run the job.
      const job = JOBS.filter((j) => j.name === "retire-versions");
      const context = (db: typeof second, owner: string) => ({
        db,
        now: new Date(now.getTime() + DAY),
        owner,
        config: notificationConfig({ NODE_ENV: "test" } as NodeJS.ProcessEnv),
      });
      const ticks = await Promise.all([
        runDueJobs(context(database.db, "a"), job),
        runDueJobs(context(second, "b"), job),
      ]);
      const statuses = ticks.flat().map((r) => r.status);
      expect(statuses.filter((s) => s === "ran")).toHaveLength(1);
      expect(statuses.filter((s) => s !== "ran")).toEqual([expect.stringMatching(/^(claimed-elsewhere|not-due)$/)]);
    } finally {
      if (second !== database.db) await second.$disconnect();
    }
  });

  it("retires once when `npm run jobs -- --once --job retire-versions --now …` runs in two processes at the same time", async () => {
    const cutOver = new Date(Date.now() + 2 * DAY);
    const retiring = await threeRotations(cutOver);
    // The job table's lease was moved by the test above: run as of a time after its next turn.
    const now = new Date(cutOver.getTime() + 2 * DAY);
    const databaseUrl = database.config.provider === "sqlite" ? `file:${database.config.file}` : database.config.url;
    const run = () => runJobOnce({ databaseUrl, job: "retire-versions", now });
    const results = await Promise.all([run(), run()]);
    for (const r of results) expect(r.code, r.output).toBe(0);
    expect(results.map((r) => r.output).join("\n")).toMatch(/retire-versions: ran \{"due":\d+,"retired":\d+/);
    await expectRetiredOnce(retiring);
  });

  it("`--force` runs a job out of turn (a drill as of an earlier time than the last run), never two at once", async () => {
    const databaseUrl = database.config.provider === "sqlite" ? `file:${database.config.file}` : database.config.url;
    const run = (now: Date, force = false) => runJobOnce({ databaseUrl, job: "retire-versions", now, force });
    const later = new Date(Date.now() + 40 * DAY);
    const earlier = new Date(Date.now() + 20 * DAY);
    expect((await run(later)).output).toMatch(/retire-versions: ran/);
    expect((await run(earlier)).output).toMatch(/retire-versions: not-due/);
    const forced = await Promise.all([run(earlier, true), run(earlier, true)]);
    for (const r of forced) expect(r.code, r.output).toBe(0);
    // Each forced process either ran or found the other's live lease; at least one ran.
    for (const r of forced) expect(r.output).toMatch(/retire-versions: (ran|claimed-elsewhere)/);
    expect(forced.map((r) => r.output).join("\n")).toMatch(/retire-versions: ran/);
  });

  it("refuses a cut-over in the past or on a kind that replaces at once, stores nothing; tenancy in every read", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const other = await makeCustomer(database.db, "d1");
    const before = await counts(database.db);
    const upload = (kind: AssetKind, content: Parameters<typeof uploadAsset>[0]["content"], cutOverAt: Date) =>
      uploadAsset({
        db: database.db,
        actor: customer.customer,
        connectionId: customer.ppr,
        kind,
        content,
        confirmWarnings: true,
        cutOverAt,
      });
    await expectAppError(
      upload(
        "CUSTOMER_CSR",
        { file: pki.d1Csr({ identifier: customer.identifier, environment: "PPR" }) },
        new Date(Date.now() - DAY),
      ),
      "INVALID_INPUT",
    );
    await expectAppError(
      upload("ISSUER_HOST", { host: "api.acme.example", port: 443 }, new Date(Date.now() + DAY)),
      "INVALID_INPUT",
    );
    expect(await counts(database.db)).toEqual(before);

    const mine = await issued(customer, "PPR");
    await expectAppError(getAsset({ db: database.db, actor: other.customer, assetId: mine.assetId }), "NOT_FOUND");
    await expectAppError(
      getBackendView({ db: database.db, actor: customer.customer, connectionId: customer.ppr }),
      "NOT_FOUND",
    );
  });
});
