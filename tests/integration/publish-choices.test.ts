import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLISHED_KINDS } from "@/lib/assets/kinds";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { listConnections } from "@/lib/server/connections/list-connections";
import { listLackingPublications } from "@/lib/server/publications/list-lacking-publications";
import { getPublishChoices } from "@/lib/server/publications/get-publish-choices";
import { connectionTargetWhere } from "@/lib/server/connections/list-connection-targets";
import { listCustomerOrganizations } from "@/lib/server/organizations/list-customer-organizations";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { expectAppError, insertVersion, makeActor, makeCustomer, type Customer } from "./support/assets";

const DAY = 86_400_000;

/** The publish page's reads: what lacks a Thales publication (as the board's readiness says) and whom to publish to. */
describe.each(PROVIDERS)("publish page choices on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let delivery: Actor;
  let d1: Customer;
  let ecom: Customer;
  let tsh: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    d1 = await makeCustomer(database.db, "d1");
    ecom = await makeCustomer(database.db, "d1-ecom");
    tsh = await makeCustomer(database.db, "tsh");
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  /** A version put in force directly, in a state or with an expiry the services would not produce today. */
  const inForce = async (
    connectionId: string,
    kind: (typeof PUBLISHED_KINDS)[number],
    state: string,
    notAfter: Date,
  ) => {
    const id = await insertVersion(database.db, { connectionId, kind, uploadedById: delivery.id, state });
    await database.db.assetVersion.update({ where: { id }, data: { notAfter } });
    await database.db.asset.update({
      where: { connectionId_kind: { connectionId, kind } },
      data: { currentVersionId: id },
    });
  };

  it("lists exactly the connections whose readiness waits on Thales for each published kind", async () => {
    const now = new Date();
    // Published (waits on the customer), published then acknowledged (done), acknowledged but expired and a version
    // leaving at its cut-over (both wait on Thales again), and the rest never published.
    const published = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [d1.ppr, ecom.ppr],
      content: { file: pki.caCertificate("publish-choices-ca"), filename: "ca.pem" },
    });
    expect(published.ok && published.state).toBe("PUBLISHED");
    const { currentVersionId } = await database.db.asset.findUniqueOrThrow({
      where: { connectionId_kind: { connectionId: ecom.ppr, kind: "THALES_CLIENT_CA" } },
    });
    await acknowledgeVersion({ db: database.db, actor: ecom.customer, versionId: currentVersionId! });
    await inForce(d1.prd, "D1_INBOUND_HOST", "ACKNOWLEDGED", new Date(now.getTime() - DAY));
    await inForce(ecom.prd, "D1_INBOUND_HOST", "ACKNOWLEDGED", new Date(now.getTime() + 400 * DAY));
    await inForce(tsh.ppr, "TSH_INBOUND_HOST", "RETIRING", new Date(now.getTime() + 400 * DAY));

    const board = await listConnections({ db: database.db, actor: delivery, now });
    const fromReadiness = PUBLISHED_KINDS.map((kind) => ({
      kind,
      ids: board
        .filter((c) => c.readiness.items.some((i) => i.kind === kind && !i.done && i.waitingOn === "thales"))
        .map((c) => c.id),
    })).filter((entry) => entry.ids.length > 0);
    const lacking = await listLackingPublications({ db: database.db, actor: delivery, first: 100, now });
    expect(lacking.map((entry) => ({ kind: entry.kind, ids: entry.first.map((c) => c.id) }))).toEqual(fromReadiness);
    expect(lacking.every((entry) => entry.count === entry.first.length)).toBe(true);
    // The cases above are all there: the rule is exercised, not only an empty list compared with another.
    const ids = (kind: string) => lacking.find((entry) => entry.kind === kind)?.first.map((c) => c.id) ?? [];
    expect(ids("THALES_CLIENT_CA")).toEqual(expect.arrayContaining([d1.prd, ecom.prd]));
    expect(ids("THALES_CLIENT_CA")).not.toContain(d1.ppr);
    expect(ids("THALES_CLIENT_CA")).not.toContain(ecom.ppr);
    expect(ids("D1_INBOUND_HOST")).toContain(d1.prd);
    expect(ids("D1_INBOUND_HOST")).not.toContain(ecom.prd);
    expect(ids("TSH_INBOUND_HOST")).toEqual(expect.arrayContaining([tsh.ppr, tsh.prd]));
    expect(ids("TSH_INBOUND_HOST")).not.toContain(d1.ppr);

    // Named up to `first`, counted in full.
    const short = await listLackingPublications({ db: database.db, actor: delivery, first: 1, now });
    expect(short.map((entry) => [entry.kind, entry.count, entry.first.length])).toEqual(
      fromReadiness.map((entry) => [entry.kind, entry.ids.length, 1]),
    );
  });

  it("offers the targets the filter narrows to, by name, and refuses whoever may not publish", async () => {
    const all = await getPublishChoices({ db: database.db, actor: delivery });
    expect(all.total).toBe(6);
    expect(all.targets?.map((t) => t.id).sort()).toEqual([d1.ppr, d1.prd, ecom.ppr, ecom.prd, tsh.ppr, tsh.prd].sort());
    const narrowed = await getPublishChoices({
      db: database.db,
      actor: delivery,
      filter: { organizationId: ecom.organizationId, environment: "PRD" },
    });
    expect(narrowed).toEqual({
      total: 1,
      targets: [
        {
          id: ecom.prd,
          organization: expect.any(String),
          identifier: ecom.identifier,
          program: "d1-ecom",
          environment: "PRD",
        },
      ],
    });
    expect((await getPublishChoices({ db: database.db, actor: delivery, filter: { program: "tsh" } })).total).toBe(2);
    // A program outside the form's programs narrows to nothing (it must not list what the form cannot target).
    const outside = connectionTargetWhere({ programs: ["d1"], program: "tsh" });
    expect(await database.db.connection.count({ where: outside })).toBe(0);
    expect(
      await database.db.connection.count({ where: connectionTargetWhere({ programs: ["d1", "tsh"], program: "tsh" }) }),
    ).toBe(2);
    await expectAppError(getPublishChoices({ db: database.db, actor: d1.customer }), "FORBIDDEN");
    await expectAppError(listLackingPublications({ db: database.db, actor: d1.customer }), "FORBIDDEN");
    // The publish form's organization filter: every customer organization for a publisher, none for a customer.
    const organizations = await listCustomerOrganizations({ db: database.db, actor: delivery });
    expect(organizations.map((o) => o.id)).toContain(d1.organizationId);
    await expectAppError(listCustomerOrganizations({ db: database.db, actor: d1.customer }), "FORBIDDEN");
  });
});
