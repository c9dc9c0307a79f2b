import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadActor } from "@/lib/server/auth/load-actor";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { base32Decode, hotp, timeStep } from "@/lib/server/mfa/totp";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret";

describe.each(PROVIDERS)("two-factor authentication on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("requires enrolment for delivery and admin, not for customers", async () => {
    const delivery = await makeUser(database.db, "THALES_DELIVERY");
    const customer = await makeUser(database.db, "CUSTOMER");
    expect((await loadActor(database.db, delivery.id))!.mfaEnrolmentRequired).toBe(true);
    expect((await loadActor(database.db, customer.id))!.mfaEnrolmentRequired).toBe(false);
  });

  it("enrols with a first code, then asks for a code at every sign-in and never accepts one twice", async () => {
    const user = await makeUser(database.db, "ADMIN", { password: "admin password 1" });
    const actor = (await loadActor(database.db, user.id))!;
    const enrolment = await startMfaEnrolment({ db: database.db, actor });
    expect(enrolment.qrSvg).toContain("<svg");
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect((await startMfaEnrolment({ db: database.db, actor })).secret).toBe(enrolment.secret);
    const stored = await database.db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { mfaPendingSecret: true },
    });
    expect(stored.mfaPendingSecret).not.toContain(enrolment.secret);

    const t0 = new Date("2026-05-01T10:00:00Z");
    const code = (at: Date, offset = 0) => hotp(base32Decode(enrolment.secret), timeStep(at) + offset);
    await expect(confirmMfaEnrolment({ db: database.db, actor, code: "000000", now: t0 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    const recovery = await confirmMfaEnrolment({ db: database.db, actor, code: code(t0), now: t0 });
    expect(recovery).toHaveLength(10);
    expect((await loadActor(database.db, user.id))!.mfaEnrolmentRequired).toBe(false);

    const origin = { ip: "192.0.2.80" };
    const t1 = new Date(t0.getTime() + 60_000);
    expect(
      await authenticate(database.db, { email: user.email, password: "admin password 1", origin, now: t1 }),
    ).toEqual({ ok: false, reason: "MFA_REQUIRED" });
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "admin password 1",
        otp: "123456",
        origin,
        now: t1,
      }),
    ).toEqual({ ok: false, reason: "MFA_INVALID" });
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "admin password 1",
        otp: code(t1),
        origin,
        now: t1,
      }),
    ).toMatchObject({ ok: true });
    // The same code again, even within its 30 seconds: refused (RFC 6238 §5.2).
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "admin password 1",
        otp: code(t1),
        origin,
        now: t1,
      }),
    ).toEqual({ ok: false, reason: "MFA_INVALID" });
    // A wrong password never reaches the code question.
    expect(
      await authenticate(database.db, { email: user.email, password: "wrong", otp: code(t1, 1), origin, now: t1 }),
    ).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });

    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "admin password 1",
        otp: recovery[0]!,
        origin,
        now: t1,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "admin password 1",
        otp: recovery[0]!,
        origin,
        now: t1,
      }),
    ).toEqual({ ok: false, reason: "MFA_INVALID" });
    const events = await database.db.auditEvent.findMany({
      where: { actorId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toContain("mfa.enabled");
    expect(JSON.stringify(events)).not.toContain(enrolment.secret);
  });
});
