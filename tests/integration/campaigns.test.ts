import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { previewCampaign } from "@/lib/server/campaigns/preview-campaign";
import { getCampaignChoices } from "@/lib/server/campaigns/campaign-choices";
import { getCampaignView } from "@/lib/server/campaigns/get-campaign";
import { listCampaigns } from "@/lib/server/campaigns/list-campaigns";
import { remindCampaigns } from "@/lib/server/campaigns/remind-campaigns";
import { acknowledgedAt } from "@/lib/server/campaigns/campaign-progress";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { retireVersions } from "@/lib/server/assets/retire-versions";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import type { JobContext } from "@/lib/server/jobs/job-context";
import type { Actor } from "@/lib/server/actor";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

const DAY = 86_400_000;
const fingerprints = (pemText: string) =>
  (pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
    .map((b) => new X509Certificate(b).fingerprint256)
    .sort();
const fp = (pemText: string) => fingerprints(pemText)[0]!;

/** Thales rotation campaigns (issue 12 item 4): one request to many connections, one cut-over, reminders, progress. */
describe.each(PROVIDERS)("rotation campaigns on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let delivery: Actor;
  let second: Actor;
  let a: Customer;
  let b: Customer;
  let ecom: Customer;
  let g1: string;
  let g2: string;
  const context = (now: Date): JobContext => ({
    db: database.db,
    now,
    owner: newId(),
    config: { mailFrom: "portal@example.test", publicUrl: "https://portal.example.test", outboundAllow: [] },
  });
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    second = await makeActor(database.db, "THALES_DELIVERY");
    a = await makeCustomer(database.db, "d1");
    b = await makeCustomer(database.db, "d1");
    ecom = await makeCustomer(database.db, "d1-ecom");
    g1 = pki.caCertificate("campaign-client-ca-g1");
    g2 = pki.caCertificate("campaign-client-ca-g2");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });
  const exportOf = async (customer: Customer, connectionId: string) =>
    fingerprints((await exportTrustStore({ db: database.db, actor: customer.customer, connectionId })).body);

  it("PreProd: rotates the Thales client CA on every d1 connection, both CAs until the cut-over, reminders to who has not acknowledged", async () => {
    const now = new Date();
    for (const target of [a.ppr, b.ppr]) {
      const first = await publishAsset({
        db: database.db,
        actor: delivery,
        kind: "THALES_CLIENT_CA",
        connectionIds: [target],
        content: { file: g1 },
        now,
      });
      expect(first.ok).toBe(true);
    }
    const cutOverAt = new Date(Math.floor((now.getTime() + 20 * DAY) / 60_000) * 60_000);
    const created = await createCampaign({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      program: "d1",
      environment: "PPR",
      content: { file: g2, filename: "g2.pem" },
      cutOverAt,
      now,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.findings));
    expect(created.state).toBe("PUBLISHED");
    // Every d1 PreProd connection, not the d1-ecom one.
    const d1Ppr = await database.db.connection.count({ where: { environment: "PPR", identifier: { program: "d1" } } });
    expect(created.versionIds).toHaveLength(d1Ppr);
    expect(await database.db.publicationTarget.count({ where: { connectionId: ecom.ppr } })).toBe(0);
    expect(
      await database.db.auditEvent.count({ where: { action: "campaign.created", targetId: created.campaignId } }),
    ).toBe(1);

    // The old CA stays in force beside the new one until the campaign's cut-over.
    const old = await database.db.assetVersion.findMany({
      where: { asset: { connectionId: { in: [a.ppr, b.ppr] }, kind: "THALES_CLIENT_CA" }, seq: 1 },
      select: { state: true, retireAt: true },
    });
    expect(old).toEqual([
      { state: "RETIRING", retireAt: cutOverAt },
      { state: "RETIRING", retireAt: cutOverAt },
    ]);
    expect(await exportOf(a, a.ppr)).toEqual([fp(g1), fp(g2)].sort());

    // A acknowledges; the page shows it. Reminders go to B only, once per threshold.
    const viewBefore = await getCampaignView({ db: database.db, actor: delivery, campaignId: created.campaignId });
    const aRow = viewBefore.connections.find((c) => c.connectionId === a.ppr)!;
    expect(aRow).toMatchObject({ acknowledgedAt: null, reminders: 0, endpointCheck: null });
    await acknowledgeVersion({ db: database.db, actor: a.customer, versionId: aRow.versionId! });
    expect((await remindCampaigns(context(new Date(cutOverAt.getTime() - 15 * DAY)))).emitted).toBe(0);
    const reminded = await remindCampaigns(context(new Date(cutOverAt.getTime() - 2 * DAY)));
    expect(reminded).toMatchObject({ emitted: 1, acknowledged: 1 });
    expect(await remindCampaigns(context(new Date(cutOverAt.getTime() - 2 * DAY + 3_600_000)))).toMatchObject({
      emitted: 0,
      alreadySent: 1,
    });
    expect((await remindCampaigns(context(new Date(cutOverAt.getTime() - 3_600_000)))).emitted).toBe(1);
    const view = await getCampaignView({ db: database.db, actor: delivery, campaignId: created.campaignId });
    expect(view.acknowledged).toBe(1);
    expect(view.connections.find((c) => c.connectionId === a.ppr)).toMatchObject({
      acknowledgedAt: expect.any(Date),
      reminders: 0,
    });
    expect(view.connections.find((c) => c.connectionId === b.ppr)).toMatchObject({
      acknowledgedAt: null,
      reminders: 2,
    });
    const notice = await database.db.outboxEvent.findFirstOrThrow({
      where: { type: "campaign.reminder", organizationId: b.organizationId },
      select: { payload: true },
    });
    expect(JSON.parse(notice.payload)).toMatchObject({ connectionId: b.ppr, cutOver: cutOverAt.toISOString() });
    expect(
      (await listCampaigns({ db: database.db, actor: delivery })).find((c) => c.id === created.campaignId),
    ).toMatchObject({ connections: d1Ppr, acknowledged: 1, state: "PUBLISHED" });

    // After the cut-over only the new CA remains; no reminder after it.
    await retireVersions({ db: database.db, now: new Date(cutOverAt.getTime() + 60_000) });
    expect(await exportOf(a, a.ppr)).toEqual([fp(g2)]);
    expect(await exportOf(b, b.ppr)).toEqual([fp(g2)]);
    expect((await remindCampaigns(context(new Date(cutOverAt.getTime() + 60_000)))).campaigns).toBe(0);
  });

  // The campaign list asks for the acknowledgements of every target of every listed campaign: two campaigns of 500
  // connections are 1,000 ids, past SQLite's 999 bind parameters, which failed the list (a 500) while the query
  // carried an orderBy (Prisma splits a long `in` list only without one).
  it("reads the acknowledgements of 1,500 versions at once, the earliest of each", async () => {
    const ids = Array.from({ length: 1500 }, () => newId());
    const at = (minutes: number) => new Date(Date.UTC(2027, 0, 1, 0, minutes));
    const event = (targetId: string, createdAt: Date) => ({
      id: newId(),
      action: "asset.acknowledge",
      targetType: "AssetVersion",
      targetId,
      createdAt,
    });
    await database.db.auditEvent.createMany({
      data: [event(ids[0]!, at(5)), event(ids[0]!, at(1)), event(ids[1499]!, at(2)), event(newId(), at(3))],
    });
    const found = await acknowledgedAt(database.db, ids);
    expect([...found.entries()].sort()).toEqual(
      [
        [ids[0], at(1)],
        [ids[1499], at(2)],
      ].sort(),
    );
  });

  it("Production: a campaign waits for a second person (the publication rule), then goes in force on the chosen subset", async () => {
    const created = await createCampaign({
      db: database.db,
      actor: delivery,
      kind: "D1_SERVER_CA_BUNDLE",
      program: "d1",
      environment: "PRD",
      connectionIds: [a.prd],
      content: { file: pki.caCertificate("campaign-bundle") },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.findings));
    expect(created).toMatchObject({ state: "PENDING", versionIds: [] });
    const pending = await getCampaignView({ db: database.db, actor: second, campaignId: created.campaignId });
    expect(pending).toMatchObject({ state: "PENDING", connections: [{ connectionId: a.prd, versionId: null }] });
    // Default cut-over: 30 days from creation.
    expect(Math.abs(pending.cutOverAt.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(120_000);
    await expectAppError(
      decidePublication({ db: database.db, actor: delivery, requestId: created.requestId, decision: "APPROVE" }),
      "FORBIDDEN",
    );
    await decidePublication({ db: database.db, actor: second, requestId: created.requestId, decision: "APPROVE" });
    const published = await getCampaignView({ db: database.db, actor: delivery, campaignId: created.campaignId });
    expect(published.state).toBe("PUBLISHED");
    expect(published.connections[0]).toMatchObject({ versionId: expect.any(String), versionState: "PUBLISHED" });
  });

  it("customers are told campaigns do not exist; bad input is refused and stores nothing", async () => {
    const created = await createCampaign({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      program: "d1-ecom",
      environment: "PPR",
      content: { file: pki.caCertificate("campaign-ecom") },
    });
    if (!created.ok) throw new Error("campaign failed");
    await expectAppError(listCampaigns({ db: database.db, actor: a.customer }), "NOT_FOUND");
    await expectAppError(
      getCampaignView({ db: database.db, actor: ecom.customer, campaignId: created.campaignId }),
      "NOT_FOUND",
    );
    await expectAppError(getCampaignView({ db: database.db, actor: delivery, campaignId: "nope" }), "NOT_FOUND");
    const before = { ...(await dbState(database.db)), campaigns: await database.db.campaign.count() };
    const attempt = (over: Partial<Parameters<typeof createCampaign>[0]>) =>
      createCampaign({
        db: database.db,
        actor: delivery,
        kind: "THALES_CLIENT_CA",
        program: "d1",
        environment: "PPR",
        content: { file: pki.caCertificate("campaign-refused") },
        ...over,
      });
    await expectAppError(attempt({ actor: a.customer }), "NOT_FOUND");
    await expectAppError(attempt({ kind: "D1_INBOUND_HOST" }), "INVALID_INPUT");
    await expectAppError(attempt({ connectionIds: [ecom.ppr] }), "INVALID_INPUT");
    await expectAppError(attempt({ connectionIds: [a.prd] }), "INVALID_INPUT");
    await expectAppError(attempt({ cutOverAt: new Date(Date.now() - DAY) }), "INVALID_INPUT");
    expect(await attempt({ content: { file: "not a certificate" } })).toMatchObject({ ok: false, verdict: "rejected" });
    expect({ ...(await dbState(database.db)), campaigns: await database.db.campaign.count() }).toEqual(before);
  });

  it("the browser's preview shows what createCampaign would do (same targets, default cut-over) and stores nothing", async () => {
    // The CA first, then the clock: openssl starts its validity at the current second, so a `now` taken before it
    // could fall just before notBefore and the preview would refuse it as not yet valid (a flake seen half the time).
    const file = pki.caCertificate("campaign-preview");
    const now = new Date();
    const before = { ...(await dbState(database.db)), campaigns: await database.db.campaign.count() };
    const scope = { kind: "THALES_CLIENT_CA", program: "d1", environment: "PRD" } as const;
    const preview = await previewCampaign({ db: database.db, actor: delivery, ...scope, content: { file }, now });
    if (!preview.ok) throw new Error(`preview refused: ${JSON.stringify(preview.findings)}`);
    expect([...preview.connectionIds].sort()).toEqual([a.prd, b.prd].sort());
    expect(preview).toMatchObject({ needsSecondPerson: true, environment: "PRD" });
    expect(preview.cutOverAt.getTime()).toBe(now.getTime() + 30 * DAY);
    expect(preview.targets.map((t) => t.connectionId).sort()).toEqual([a.prd, b.prd].sort());
    await expectAppError(
      previewCampaign({ db: database.db, actor: a.customer, ...scope, content: { file: "x" } }),
      "NOT_FOUND",
    );
    expect({ ...(await dbState(database.db)), campaigns: await database.db.campaign.count() }).toEqual(before);
  });

  it("the form's choices: each program's count per environment, and by name only what the filter narrows to, up to the limit", async () => {
    const choices = (options: Omit<Parameters<typeof getCampaignChoices>[0], "db" | "actor"> = {}) =>
      getCampaignChoices({ db: database.db, actor: delivery, ...options });
    const all = await choices();
    expect(all.kinds.map((k) => k.kind)).not.toContain("D1_INBOUND_HOST");
    // "All of them" is counted per program and environment, over every organization.
    for (const { program, environment, count } of all.counts)
      expect(count).toBe(await database.db.connection.count({ where: { environment, identifier: { program } } }));
    expect(all.counts).toContainEqual({ program: "d1", environment: "PRD", count: 2 });
    expect(all.targets?.map((c) => c.id)).toEqual(expect.arrayContaining([a.ppr, a.prd, b.prd, ecom.ppr]));
    expect(all.total).toBe(all.targets?.length);
    // Narrowed by organization and environment: only those are named; the counts stay every organization's.
    const narrowed = await choices({ filter: { organizationId: a.organizationId, environment: "PRD" } });
    expect(narrowed).toMatchObject({ total: 1, targets: [{ id: a.prd, identifier: a.identifier, program: "d1" }] });
    expect(narrowed.counts).toEqual(all.counts);
    expect((await choices({ filter: { program: "d1-ecom" } })).targets?.map((c) => c.id).sort()).toEqual(
      [ecom.ppr, ecom.prd].sort(),
    );
    // Past the limit they are counted, not named.
    expect(await choices({ limit: all.total - 1 })).toEqual({ kinds: all.kinds, counts: all.counts, total: all.total });
    expect((await choices({ limit: all.total })).targets).toHaveLength(all.total);
    await expectAppError(getCampaignChoices({ db: database.db, actor: a.customer }), "NOT_FOUND");
  });
});
