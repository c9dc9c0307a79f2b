import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { THROTTLE } from "@/lib/server/auth/throttle";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";

describe.each(PROVIDERS)("sign-in on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());
  const origin = { ip: "198.51.100.7", userAgent: "vitest" };

  it("accepts the right password, whatever the e-mail's case, and audits it without the password", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "right password 1" });
    const result = await authenticate(database.db, {
      email: user.email.toUpperCase(),
      password: "right password 1",
      origin,
    });
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    const events = await database.db.auditEvent.findMany({ where: { actorId: user.id } });
    expect(events.map((e) => e.action)).toEqual(["auth.login.success"]);
    expect(JSON.stringify(events)).not.toContain("right password 1");
  });

  it("answers the same for a wrong password, an unknown e-mail and a disabled account", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "right password 2" });
    const disabled = await makeUser(database.db, "CUSTOMER", { password: "right password 3", disabled: true });
    const ip = { ip: "198.51.100.8" };
    expect(await authenticate(database.db, { email: user.email, password: "wrong", origin: ip })).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await authenticate(database.db, { email: "nobody@example.test", password: "x", origin: ip })).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(
      await authenticate(database.db, { email: disabled.email, password: "right password 3", origin: ip }),
    ).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    const failures = await database.db.auditEvent.findMany({
      where: { action: "auth.login.failure", ip: "198.51.100.8" },
    });
    expect(failures).toHaveLength(3);
    expect(JSON.stringify(failures)).not.toContain("right password 3");
  });

  it("blocks an e-mail after 10 failures in 15 minutes, even with the right password, then lets it in again", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "right password 4" });
    const start = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailures; i++) {
      await authenticate(database.db, {
        email: user.email,
        password: "wrong",
        origin: { ip: `203.0.113.${i}` },
        now: start,
      });
    }
    const blocked = await authenticate(database.db, {
      email: user.email,
      password: "right password 4",
      origin: { ip: "203.0.113.99" },
      now: start,
    });
    expect(blocked).toEqual({ ok: false, reason: "THROTTLED" });
    const later = new Date(start.getTime() + THROTTLE.windowMs + 1000);
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "right password 4",
        origin: { ip: "203.0.113.99" },
        now: later,
      }),
    ).toMatchObject({ ok: true });
  });

  it("blocks an address after 10 failures across e-mails", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "right password 5" });
    const now = new Date("2026-02-01T10:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailures; i++) {
      await authenticate(database.db, {
        email: `guess${i}@example.test`,
        password: "x",
        origin: { ip: "192.0.2.50" },
        now,
      });
    }
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "right password 5",
        origin: { ip: "192.0.2.50" },
        now,
      }),
    ).toEqual({ ok: false, reason: "THROTTLED" });
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "right password 5",
        origin: { ip: "192.0.2.51" },
        now,
      }),
    ).toMatchObject({ ok: true });
  });
});

describe.each(PROVIDERS)("audit trail on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("refuses updates and deletes at the database level", async () => {
    await recordAudit(database.db, { action: "test.event", organizationId: null });
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: "test.event" } });
    await expect(
      database.db.auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } }),
    ).rejects.toThrow();
    await expect(database.db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    await expect(database.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
    // (SQLite reports the trigger's RAISE through Prisma as a constraint violation; the row is what matters.)
    expect(await database.db.auditEvent.findUnique({ where: { id: event.id } })).toMatchObject({
      action: "test.event",
    });
    expect(await database.db.auditEvent.count()).toBeGreaterThan(0);
  });
});
