import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { ASSET_HISTORY_MAX, getAsset } from "@/lib/server/assets/get-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { getVersion, HISTORY_AROUND } from "@/lib/server/assets/get-version";
import { CONNECTION_VERSIONS_SHOWN, getConnection } from "@/lib/server/connections/get-connection";
import { listConnectionAssets } from "@/lib/server/connections/list-connection-assets";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { newId } from "@/lib/server/ids";
import { expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";
import { sqliteRowsRead } from "./support/rows-read";

const UPLOADS_AFTER = 13;

/**
 * A long history stays a bounded read (issue 16): the connection page shows an asset's newest versions and the ones
 * still in force, the asset API pages its versions, and the connection's asset list reads no history at all. The
 * history: one CSR approved (in force), then 13 more uploads, each withdrawing the one before.
 */
describe.each(PROVIDERS)("a long version history on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let customer: Customer;
  let reviewer: Actor;
  let assetId: string;
  let approved: string;
  const uploaded: string[] = [];

  /** A CSR for the customer's PreProd connection, stored through the upload service. */
  const uploadCsr = async (owner: Customer) => {
    const up = await uploadAsset({
      db: database.db,
      actor: owner.customer,
      connectionId: owner.ppr,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: owner.identifier, environment: "PPR" }) },
      confirmWarnings: true,
    });
    if (up.status !== "stored") throw new Error(`upload: ${up.status}`);
    return up;
  };

  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    customer = await makeCustomer(database.db, "d1");
    reviewer = await makeActor(database.db, "THALES_DELIVERY");
    const upload = async () => {
      const up = await uploadCsr(customer);
      assetId = up.assetId;
      return up.versionId;
    };
    approved = await upload();
    await approveVersion({ db: database.db, actor: reviewer, versionId: approved });
    for (let i = 0; i < UPLOADS_AFTER; i++) uploaded.push(await upload());
  });
  afterAll(async () => {
    await database?.drop();
    pki?.dispose();
  });

  it("the connection page shows the newest versions and the older one in force, with the count and where to go on", async () => {
    const connection = await getConnection({ db: database.db, actor: customer.customer, connectionId: customer.ppr });
    const csr = connection.assets.find((a) => a.info.kind === "CUSTOMER_CSR")!;
    const newest = uploaded.slice(-CONNECTION_VERSIONS_SHOWN).reverse();
    expect(csr.versions.map((v) => v.id)).toEqual([...newest, approved]);
    expect(csr.versions.find((v) => v.id === approved)).toMatchObject({ current: true, state: "APPROVED" });
    expect(csr.versions[0]?.state).toBe("SUBMITTED");
    expect(csr.total).toBe(UPLOADS_AFTER + 1);
    expect(csr.olderThan).toBe(csr.versions[CONNECTION_VERSIONS_SHOWN - 1]!.seq);
    expect(csr.notable).toEqual([]);
    // An asset without history reads as before.
    const others = connection.assets.filter((a) => a.info.kind !== "CUSTOMER_CSR");
    expect(others.every((a) => a.versions.length === 0 && a.total === 0 && a.olderThan === null)).toBe(true);
  });

  it("a page of older versions leaves the newest and the one in force beside the table, and ends", async () => {
    const first = await getConnection({ db: database.db, actor: customer.customer, connectionId: customer.ppr });
    const olderThan = first.assets.find((a) => a.info.kind === "CUSTOMER_CSR")!.olderThan!;
    const page = await getConnection({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      page: { kind: "CUSTOMER_CSR", olderThan },
    });
    const csr = page.assets.find((a) => a.info.kind === "CUSTOMER_CSR")!;
    // 14 versions: 10 on the first page, the 4 oldest (the approved one among them) here.
    expect(csr.versions.map((v) => v.id)).toEqual([...uploaded.slice(0, 3).reverse(), approved]);
    expect(csr.notable.map((v) => v.id)).toEqual([uploaded.at(-1)]);
    expect(csr.olderThan).toBeNull();
  });

  it("the asset API pages every version once, newest first, and tells the asset's state on every page", async () => {
    const seen: string[] = [];
    let olderThan: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const asset = await getAsset({ db: database.db, actor: customer.customer, assetId, limit: 4, olderThan });
      expect(asset.versions.length).toBeLessThanOrEqual(4);
      expect(asset.state).toBe("SUBMITTED");
      expect(asset.current?.id).toBe(approved);
      expect(asset.inForce.map((v) => v.id)).toEqual([approved]);
      // The history holds this page's versions' events only.
      const ids = new Set(asset.versions.map((v) => v.id));
      expect(asset.history.length).toBeGreaterThan(0);
      expect(asset.history.every((e) => ids.has(e.versionId!))).toBe(true);
      seen.push(...asset.versions.map((v) => v.id));
      if (asset.nextBefore === null) break;
      olderThan = asset.nextBefore;
    }
    expect(seen).toEqual([...uploaded].reverse().concat(approved));
  });

  it("the connection's asset list answers each asset's state and version in force", async () => {
    const assets = await listConnectionAssets({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
    });
    expect(assets.map((a) => ({ id: a.id, state: a.state, current: a.current?.id }))).toEqual([
      { id: assetId, state: "SUBMITTED", current: approved },
    ]);
    const stranger = await makeCustomer(database.db, "d1");
    await expectAppError(
      listConnectionAssets({ db: database.db, actor: stranger.customer, connectionId: customer.ppr }),
      "NOT_FOUND",
    );
    await expectAppError(getAsset({ db: database.db, actor: stranger.customer, assetId }), "NOT_FOUND");
  });

  // Before the history was paged, GET /api/v1/assets/{id} and the connection's asset list failed on SQLite from
  // ~1,000 versions (a 500): getAsset loaded the versions' reviews, a relation with its own orderBy, with one bind
  // parameter per version, which Prisma does not split, past the driver's 999. The other reads only grew. Copies of a
  // real version (its report and findings) make the long history cheaply. On SQLite the rows each read takes from
  // the database are counted too: none grows with the 1,200.
  it("an asset with 1,200 versions answers every read, each bounded", async () => {
    const other = await makeCustomer(database.db, "d1");
    const up = await uploadCsr(other);
    const {
      id: _id,
      seq: _seq,
      ...row
    } = await database.db.assetVersion.findUniqueOrThrow({ where: { id: up.versionId } });
    const copies = Array.from({ length: 1199 }, (_, i) => ({ ...row, id: newId(), seq: i + 2, state: "WITHDRAWN" }));
    for (let i = 0; i < copies.length; i += 200)
      await database.db.assetVersion.createMany({ data: copies.slice(i, i + 200) });
    const actor = other.customer;
    const rowsRead: Record<string, number> = {};
    const counted = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      if (provider !== "sqlite") return work();
      const { result, rows } = await sqliteRowsRead(work);
      rowsRead[name] = rows;
      return result;
    };
    const asset = await counted("getAsset", () => getAsset({ db: database.db, actor, assetId: up.assetId }));
    expect(asset.versions.map((v) => v.seq).slice(0, 2)).toEqual([1200, 1199]);
    expect(asset.versions).toHaveLength(50);
    expect(asset.nextBefore).toBe(1151);
    const last = await getAsset({ db: database.db, actor, assetId: up.assetId, limit: 200, olderThan: 201 });
    expect(last.versions.map((v) => v.seq)).toEqual(Array.from({ length: 200 }, (_, i) => 200 - i));
    expect(last.nextBefore).toBeNull();
    expect(last.history.map((e) => e.versionId)).toContain(up.versionId);
    const connection = await counted("getConnection", () =>
      getConnection({ db: database.db, actor, connectionId: other.ppr }),
    );
    const csr = connection.assets.find((a) => a.info.kind === "CUSTOMER_CSR")!;
    expect([csr.versions.length, csr.total, csr.olderThan]).toEqual([CONNECTION_VERSIONS_SHOWN, 1200, 1191]);
    const middle = await database.db.assetVersion.findFirstOrThrow({ where: { assetId: up.assetId, seq: 600 } });
    const version = await counted("getVersion", () => getVersion({ db: database.db, actor, versionId: middle.id }));
    expect(version.historyTotal).toBe(1200);
    expect(version.history.map((h) => h.seq)).toEqual([
      1200,
      ...Array.from({ length: 2 * HISTORY_AROUND + 1 }, (_, i) => 600 + HISTORY_AROUND - i),
    ]);
    // What a download of the first version reads to find it (the download route's lookup).
    const download = await counted("getAssetSummary", () =>
      getAssetSummary({ db: database.db, actor, assetId: up.assetId, versionId: up.versionId }),
    );
    expect(download.versions.map((v) => v.seq)).toEqual([1200, 1]);
    const [summary] = await counted("listConnectionAssets", () =>
      listConnectionAssets({ db: database.db, actor, connectionId: other.ppr }),
    );
    expect(summary).toMatchObject({ id: up.assetId, state: "WITHDRAWN" });
    if (provider === "sqlite") {
      const most = { getAsset: 60, getConnection: 30, getVersion: 30, getAssetSummary: 3, listConnectionAssets: 6 };
      for (const [read, rows] of Object.entries(most)) expect(rowsRead[read], read).toBeLessThanOrEqual(rows);
    }
  });

  it("an answer carries the newest 200 audit events of its versions and says when older ones are left out", async () => {
    const before = await getAsset({ db: database.db, actor: customer.customer, assetId, limit: 1 });
    expect(before.historyTruncated).toBe(false);
    const newest = before.versions[0]!.id;
    const at = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, i));
    await database.db.auditEvent.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({
        id: newId(),
        action: "asset.downloaded",
        targetType: "AssetVersion",
        targetId: newest,
        createdAt: at(i),
      })),
    });
    const after = await getAsset({ db: database.db, actor: customer.customer, assetId, limit: 1 });
    expect(after.historyTruncated).toBe(true);
    expect(after.history).toHaveLength(ASSET_HISTORY_MAX);
    expect(after.history.map((e) => e.at)).toEqual(Array.from({ length: 200 }, (_, i) => at(50 + i)));
  });
});
