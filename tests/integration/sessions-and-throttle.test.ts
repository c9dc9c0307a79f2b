import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadSessionActor } from "@/lib/server/auth/load-actor";
import { endSession } from "@/lib/server/auth/end-session";
import { endAllSessions } from "@/lib/server/auth/end-all-sessions";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { THROTTLE } from "@/lib/server/auth/throttle";
import { authenticateApiToken } from "@/lib/server/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { changePassword } from "@/lib/server/users/change-password";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { encryptKey } from "@/lib/server/ca/key-encryption";
import { generateSecret } from "@/lib/server/mfa/totp";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret";

describe.each(PROVIDERS)("revocable sessions on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  async function signIn(email: string, password: string, ip = "192.0.2.10") {
    const result = await authenticate(database.db, { email, password, origin: { ip, userAgent: "vitest" } });
    if (!result.ok) throw new Error(result.reason);
    return result.sessionId;
  }

  it("opens a session row per sign-in; sign-out ends only that one", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "session password 1" });
    const a = await signIn(user.email, "session password 1");
    const b = await signIn(user.email, "session password 1");
    expect(a).not.toBe(b);
    expect((await loadSessionActor(database.db, a, user.id))?.sessionId).toBe(a);
    // A session id presented with another user's id opens nothing.
    const other = await makeUser(database.db, "CUSTOMER");
    expect(await loadSessionActor(database.db, a, other.id)).toBeNull();
    await endSession(database.db, a);
    expect(await loadSessionActor(database.db, a, user.id)).toBeNull();
    expect(await loadSessionActor(database.db, b, user.id)).not.toBeNull();
    expect(await database.db.auditEvent.count({ where: { action: "auth.logout", targetId: a } })).toBe(1);
  });

  it("a password change ends every other session; disabling and sign-out-everywhere end them all", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "session password 2" });
    const [here, laptop, phone] = [
      await signIn(user.email, "session password 2"),
      await signIn(user.email, "session password 2"),
      await signIn(user.email, "session password 2"),
    ];
    const actor = (await loadSessionActor(database.db, here, user.id))!;
    await changePassword({
      db: database.db,
      actor,
      currentPassword: "session password 2",
      newPassword: "session password 2 new",
    });
    expect(await loadSessionActor(database.db, here, user.id)).not.toBeNull();
    expect(await loadSessionActor(database.db, laptop, user.id)).toBeNull();
    expect(await loadSessionActor(database.db, phone, user.id)).toBeNull();
    const ended = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sessions.ended", targetId: user.id },
    });
    expect(JSON.parse(ended.details!)).toMatchObject({ reason: "password-changed", sessions: 2 });

    const again = await signIn(user.email, "session password 2 new");
    expect(
      await signOutEverywhere({ db: database.db, actor: (await loadSessionActor(database.db, again, user.id))! }),
    ).toBe(2);
    expect(await loadSessionActor(database.db, here, user.id)).toBeNull();
    expect(await loadSessionActor(database.db, again, user.id)).toBeNull();

    const admin = await makeUser(database.db, "ADMIN");
    const last = await signIn(user.email, "session password 2 new");
    await setUserDisabled({ db: database.db, actor: admin, userId: user.id, disabled: true });
    expect((await database.db.session.findUniqueOrThrow({ where: { id: last } })).endReason).toBe("disabled");
    await setUserDisabled({ db: database.db, actor: admin, userId: user.id, disabled: false });
    // Re-enabling does not bring an ended session back.
    expect(await loadSessionActor(database.db, last, user.id)).toBeNull();
  });

  it("endAllSessions (the role-change hook) ends every open session and says how many", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "session password 3" });
    await signIn(user.email, "session password 3");
    await signIn(user.email, "session password 3");
    expect(await endAllSessions(database.db, user.id, "role-changed")).toBe(2);
    expect(await endAllSessions(database.db, user.id, "role-changed")).toBe(0);
    expect(await database.db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  });

  it("API tokens of a user who must change their password, or of staff without a second factor, are refused and audited", async () => {
    const customer = await makeUser(database.db, "CUSTOMER");
    const { token } = await createApiToken({ db: database.db, userId: customer.id, name: "ci" });
    expect((await authenticateApiToken(database.db, `Bearer ${token}`)).id).toBe(customer.id);
    await database.db.user.update({ where: { id: customer.id }, data: { mustChangePassword: true } });
    await expect(authenticateApiToken(database.db, `Bearer ${token}`)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const delivery = await makeUser(database.db, "THALES_DELIVERY");
    await database.db.user.update({ where: { id: delivery.id }, data: { mfaEnabledAt: new Date() } });
    const staff = await createApiToken({ db: database.db, userId: delivery.id, name: "ops" });
    await database.db.user.update({ where: { id: delivery.id }, data: { mfaEnabledAt: null } });
    await expect(
      authenticateApiToken(database.db, `Bearer ${staff.token}`, new Date(), { ip: "192.0.2.99" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const refusals = await database.db.auditEvent.findMany({
      where: { action: "auth.refused", actorId: { in: [customer.id, delivery.id] } },
    });
    expect(refusals.map((r) => JSON.parse(r.details!).reason).sort()).toEqual([
      "mfa-enrolment-required",
      "password-change-required",
    ]);
    expect(refusals.find((r) => r.actorId === delivery.id)!.ip).toBe("192.0.2.99");
  });
});

describe.each(PROVIDERS)("throttling under concurrency on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  // Exactly the limit reaches the password or code check, as if the attempts had come one after another.
  it("40 concurrent wrong passwords: exactly 10 are checked, the rest throttled", async () => {
    const user = await makeUser(database.db, "CUSTOMER", { password: "concurrency password" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authenticate(database.db, { email: user.email, password: `wrong ${i}`, origin: { ip: `198.51.100.${i}` } }),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    const checked = reasons.filter((r) => r === "INVALID_CREDENTIALS").length;
    expect(checked).toBe(THROTTLE.maxFailures);
    expect(reasons.filter((r) => r === "THROTTLED")).toHaveLength(40 - checked);
    expect(await database.db.auditEvent.count({ where: { action: "auth.login.failure", actorId: user.id } })).toBe(
      checked,
    );
    expect(
      await database.db.auditEvent.count({
        where: { action: "auth.login.throttled", details: { contains: user.email } },
      }),
    ).toBe(40 - checked);
    expect(
      await authenticate(database.db, {
        email: user.email,
        password: "concurrency password",
        origin: { ip: "198.51.100.200" },
      }),
    ).toEqual({ ok: false, reason: "THROTTLED" });
  });

  it("40 concurrent wrong passwords from one address across e-mails: exactly 10 checked", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authenticate(database.db, { email: `nobody${i}@example.test`, password: "x", origin: { ip: "203.0.113.77" } }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "INVALID_CREDENTIALS").length;
    expect(checked).toBe(THROTTLE.maxFailures);
  });

  it("30 concurrent wrong second-factor codes with the right password: exactly 5 are checked", async () => {
    const user = await makeUser(database.db, "ADMIN", { password: "admin concurrency password" });
    await database.db.user.update({
      where: { id: user.id },
      data: { mfaSecret: encryptKey(generateSecret()), mfaEnabledAt: new Date() },
    });
    // Distinct addresses; the e-mail limit (10) lets more through than the per-user code limit (5).
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticate(database.db, {
          email: user.email,
          password: "admin concurrency password",
          otp: String(100000 + i),
          origin: { ip: `192.0.2.${100 + i}` },
        }),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "ok")).toHaveLength(0);
    const checked = reasons.filter((r) => r === "MFA_INVALID").length;
    expect(checked).toBe(THROTTLE.maxSecondFactorFailures);
    expect(reasons.filter((r) => r === "THROTTLED")).toHaveLength(30 - checked);
    expect(await database.db.auditEvent.count({ where: { action: "auth.login.failure", actorId: user.id } })).toBe(
      checked,
    );
  });
});
