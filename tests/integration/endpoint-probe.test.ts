import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList } from "@/lib/pki/probe/address-policy";
import { makeProbePki, nodeServer, type ProbePki } from "@/lib/probe/test-servers";
import { probeConnection } from "@/lib/server/probes/probe-connection";
import { listEndpointProbes } from "@/lib/server/probes/list-endpoint-probes";
import { recheckEndpoints } from "@/lib/server/probes/recheck-endpoints";
import type { Actor } from "@/lib/server/actor";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { insertVersion, makeActor, makeCustomer, type Customer } from "./support/assets";

const allow = { allow: parseAllowList("127.0.0.0/8, ::1/128"), timeoutMs: 3000 };

/**
 * The endpoint check as a service, on each database: a real Node TLS server on loopback as the customer's
 * endpoint; tenancy, roles, the lab-mode port override, the rate limit in the database, history and audit.
 */
describe.each(PROVIDERS)("endpoint probe service on %s", (provider) => {
  let database: TestDatabase;
  let pki: ProbePki;
  let a: Customer;
  let b: Customer;
  let delivery: Actor;
  let admin: Actor;
  let server: Awaited<ReturnType<typeof nodeServer>>;
  const t0 = new Date("2026-12-01T10:00:00Z");

  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = makeProbePki();
    delivery = await makeActor(database.db, "THALES_DELIVERY");
    admin = await makeActor(database.db, "ADMIN");
    a = await makeCustomer(database.db, "d1");
    b = await makeCustomer(database.db, "d1");
    // "localhost" is not a host the upload form accepts (no dot), so the row is written directly; the probe still
    // resolves it through the system resolver on every call.
    const hostVersion = await insertVersion(database.db, {
      connectionId: a.ppr,
      kind: "ISSUER_HOST",
      uploadedById: a.customer.id,
    });
    await database.db.assetVersion.update({ where: { id: hostVersion }, data: { host: "localhost", port: 443 } });
    await insertVersion(database.db, {
      connectionId: a.ppr,
      kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
      uploadedById: a.customer.id,
      normalizedPem: pki.text("leaf.pem") + pki.text("int.pem") + pki.text("root.pem"),
    });
    await insertVersion(database.db, {
      connectionId: a.ppr,
      kind: "THALES_CLIENT_CA",
      uploadedById: delivery.id,
      state: "PUBLISHED",
      normalizedPem: pki.text("thales.pem"),
    });
    server = await nodeServer({
      key: pki.text("leaf.key"),
      cert: pki.text("leaf.pem") + pki.text("int.pem"),
      ca: pki.text("stranger.pem"),
      requestCert: true,
    });
  });
  afterAll(async () => {
    await server?.close();
    await database.drop();
    pki.dispose();
  });

  it("refuses the port override without PORTAL_PROBE_ALLOW, and loopback on 443 by default; both audited", async () => {
    await expect(
      probeConnection({
        db: database.db,
        actor: a.customer,
        connectionId: a.ppr,
        port: server.port,
        now: t0,
        config: { timeoutMs: 1000 },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const refused = await probeConnection({
      db: database.db,
      actor: a.customer,
      connectionId: a.ppr,
      now: t0,
      config: { timeoutMs: 1000 },
    });
    expect(refused.findings.map((f) => f.code)).toEqual(["PROBE_ADDRESS_NOT_ALLOWED"]);
    expect(refused.addresses.every((x) => x.refused === "loopback")).toBe(true);
    const audits = await database.db.auditEvent.findMany({
      where: { targetId: a.ppr, action: { startsWith: "connection.probe" } },
      select: { action: true },
    });
    expect(audits.map((x) => x.action).sort()).toEqual(["connection.probe_refused", "connection.probed"]);
  });

  it("checks the customer's endpoint, stores it with history, and rate-limits per connection in the database", async () => {
    const later = new Date(t0.getTime() + 61_000);
    const result = await probeConnection({
      db: database.db,
      actor: a.customer,
      connectionId: a.ppr,
      port: server.port,
      now: later,
      config: allow,
    });
    expect(result.verdict).toBe("failed");
    expect(result.findings.map((f) => f.code)).toEqual(["PROBE_THALES_CA_NOT_ACCEPTED"]);
    expect(result.handshake).toMatchObject({
      clientCertificateRequested: true,
      clientCertificateRequired: true,
      acceptableCaNames: ["CN=Stranger CA,O=Probe Test"],
    });
    await expect(
      probeConnection({
        db: database.db,
        actor: delivery,
        connectionId: a.ppr,
        port: server.port,
        now: new Date(later.getTime() + 30_000),
        config: allow,
      }),
    ).rejects.toMatchObject({ code: "THROTTLED" });
    const byDelivery = await probeConnection({
      db: database.db,
      actor: delivery,
      connectionId: a.ppr,
      port: server.port,
      now: new Date(later.getTime() + 61_000),
      config: allow,
    });
    const history = await listEndpointProbes({ db: database.db, actor: a.customer, connectionId: a.ppr });
    expect(history.map((h) => h.id)).toEqual([byDelivery.id, result.id, history[2]!.id]);
    expect(history[0]).toMatchObject({ verdict: "failed", host: "localhost", port: server.port, trigger: "manual" });
  });

  it("two instances racing for the slot: exactly one probe starts", async () => {
    const at = new Date(t0.getTime() + 3_600_000);
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4].map(() =>
        probeConnection({
          db: database.db,
          actor: delivery,
          connectionId: a.ppr,
          port: server.port,
          now: at,
          config: allow,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(
      outcomes
        .filter((o) => o.status === "rejected")
        .every((o) => (o as PromiseRejectedResult).reason.code === "THROTTLED"),
    ).toBe(true);
  });

  it("the daily re-check probes hosts in force whose last check is a day old, once, and counts changes", async () => {
    const host = await database.db.asset.findUniqueOrThrow({
      where: { connectionId_kind: { connectionId: a.ppr, kind: "ISSUER_HOST" } },
      select: { id: true, versions: { select: { id: true } } },
    });
    await database.db.asset.update({ where: { id: host.id }, data: { currentVersionId: host.versions[0]!.id } });
    const day2 = new Date(t0.getTime() + 2 * 86_400_000);
    // localhost:443 has nothing listening: the result changes from the last manual check (wrong CA names) to unreachable.
    const first = await recheckEndpoints({ db: database.db, now: day2, config: allow });
    expect(first).toMatchObject({ checked: 1, changed: 1, changedConnections: [a.ppr] });
    expect((await listEndpointProbes({ db: database.db, actor: delivery, connectionId: a.ppr }))[0]).toMatchObject({
      trigger: "scheduled",
      verdict: "failed",
    });
    expect(
      await recheckEndpoints({ db: database.db, now: new Date(day2.getTime() + 3_600_000), config: allow }),
    ).toMatchObject({ checked: 0 });
  });

  it("another organization's connection is a 404, admins may not probe, no host is a conflict", async () => {
    await expect(
      probeConnection({ db: database.db, actor: b.customer, connectionId: a.ppr, config: allow }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listEndpointProbes({ db: database.db, actor: b.customer, connectionId: a.ppr })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    await expect(
      probeConnection({ db: database.db, actor: admin, connectionId: a.ppr, config: allow }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      probeConnection({ db: database.db, actor: b.customer, connectionId: b.ppr, config: allow }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
