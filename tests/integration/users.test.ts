import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/server/users/create-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { changePassword } from "@/lib/server/users/change-password";
import { loadActor } from "@/lib/server/auth/load-actor";
import { authenticate } from "@/lib/server/auth/authenticate";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeOrganization, makeUser } from "./support/factories";

describe.each(PROVIDERS)("user management on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(() => database.drop());

  it("lets an admin invite a customer with a one-time password that must be changed", async () => {
    const admin = await makeUser(database.db, "ADMIN");
    const organizationId = await makeOrganization(database.db);
    const { user, oneTimePassword } = await createUser({
      db: database.db,
      actor: admin,
      input: { email: "new@bank.test", name: "New", role: "CUSTOMER", organizationId },
    });
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(20);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(true);
    expect(stored.passwordHash).not.toContain(oneTimePassword);
    expect(
      await authenticate(database.db, { email: "new@bank.test", password: oneTimePassword, origin: {} }),
    ).toMatchObject({ ok: true });
    const actor = (await loadActor(database.db, user.id))!;
    await changePassword({
      db: database.db,
      actor,
      currentPassword: oneTimePassword,
      newPassword: "a much better password",
    });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
    // The session opened with the one-time password ends with it (this actor names no session to keep).
    const actions = (
      await database.db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions.sort()).toEqual(["auth.sessions.ended", "user.created", "user.password-changed"]);
  });

  it("refuses user management to customers and delivery, and changes nothing", async () => {
    const organizationId = await makeOrganization(database.db);
    for (const role of ["CUSTOMER", "THALES_DELIVERY"] as const) {
      const actor = await makeUser(database.db, role);
      const before = await database.db.user.count();
      await expect(
        createUser({
          db: database.db,
          actor,
          input: { email: `x-${role}@bank.test`, name: "X", role: "CUSTOMER", organizationId },
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        setUserDisabled({ db: database.db, actor, userId: actor.id, disabled: false }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await database.db.user.count()).toBe(before);
    }
  });

  it("keeps Thales roles in the Thales organization and customers out of it", async () => {
    const admin = await makeUser(database.db, "ADMIN");
    const customerOrg = await makeOrganization(database.db);
    const thales = await ensureThalesOrganization(database.db);
    await expect(
      createUser({
        db: database.db,
        actor: admin,
        input: { email: "d@bank.test", name: "D", role: "THALES_DELIVERY", organizationId: customerOrg },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      createUser({
        db: database.db,
        actor: admin,
        input: { email: "c@thales.test", name: "C", role: "CUSTOMER", organizationId: thales },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("cuts a disabled user off at the next request", async () => {
    const admin = await makeUser(database.db, "ADMIN");
    const user = await makeUser(database.db, "CUSTOMER");
    expect(await loadActor(database.db, user.id)).not.toBeNull();
    await setUserDisabled({ db: database.db, actor: admin, userId: user.id, disabled: true });
    expect(await loadActor(database.db, user.id)).toBeNull();
  });
});
