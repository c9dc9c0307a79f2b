import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcProviderConfig } from "@/lib/assets/sso";
import { signInWithOidc } from "@/lib/server/sso/sign-in-with-oidc";
import { authenticate } from "@/lib/server/auth/authenticate";
import { bindDomain } from "@/lib/server/organizations/bind-domain";
import { setPasswordLogin } from "@/lib/server/organizations/set-password-login";
import { newId } from "@/lib/server/ids";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import { loadOwedSession, loadSessionActor } from "@/lib/server/auth/load-actor";
import { endSession } from "@/lib/server/auth/end-session";
import { completeSecondFactor } from "@/lib/server/sso/complete-second-factor";
import { encryptKey } from "@/lib/server/ca/key-encryption";
import { base32Decode, generateSecret, hotp, timeStep } from "@/lib/server/mfa/totp";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { makeOrganization, makeUser } from "./support/factories";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret";

describe.each(PROVIDERS)("single sign-on decisions on %s", (dbProvider) => {
  let database: TestDatabase;
  let customerOrg: string;
  let customerName: string;
  const origin = { ip: "198.51.100.70", userAgent: "vitest" };
  const provider = (organization: string, extra: Partial<OidcProviderConfig> = {}): OidcProviderConfig => ({
    id: "idp",
    label: "IdP",
    issuer: "https://idp.test",
    clientId: "c",
    clientSecret: "s",
    scope: "openid email profile",
    organization,
    roleClaim: "groups",
    roleMap: [
      { value: "admins", role: "ADMIN" },
      { value: "delivery", role: "THALES_DELIVERY" },
      { value: "ops", role: "CUSTOMER" },
    ],
    mfaAmr: ["mfa", "otp"],
    ...extra,
  });

  beforeAll(async () => {
    database = await freshDatabase(dbProvider);
    customerName = `Bank ${newId().slice(0, 6)}`;
    customerOrg = await makeOrganization(database.db, customerName);
    const admin = await makeUser(database.db, "ADMIN");
    await bindDomain({ db: database.db, actor: admin, organizationId: customerOrg, domain: "bank.test" });
    await bindDomain({
      db: database.db,
      actor: admin,
      organizationId: await ensureThalesOrganization(database.db),
      domain: "thales-sso.test",
    });
  });
  afterAll(() => database.drop());

  it("provisions a customer in a bound domain and refuses other domains, with audit", async () => {
    const ok = await signInWithOidc({
      db: database.db,
      provider: provider(customerName),
      claims: { sub: "s-1", email: "Ann@Bank.test", groups: ["ops"] },
      origin,
    });
    expect(ok).toMatchObject({ ok: true, secondFactorOwed: false });
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "ann@bank.test" } });
    expect(user).toMatchObject({
      role: "CUSTOMER",
      organizationId: customerOrg,
      ssoProvider: "idp",
      ssoSubject: "s-1",
      disabled: false,
    });
    const refused = await signInWithOidc({
      db: database.db,
      provider: provider(customerName),
      claims: { sub: "s-2", email: "mallory@other.test", groups: ["ops"] },
      origin,
    });
    expect(refused).toEqual({ ok: false, reason: "SSO_WRONG_DOMAIN" });
    expect(await database.db.user.count({ where: { email: "mallory@other.test" } })).toBe(0);
    const audit = await database.db.auditEvent.findMany({
      where: { action: { startsWith: "auth.sso." }, details: { contains: "mallory@other.test" } },
    });
    expect(audit.map((a) => a.action)).toEqual(["auth.sso.refused"]);
  });

  it("refuses an unverified e-mail, no mapped role, a customer claiming a staff role, and a foreign subject", async () => {
    const p = provider(customerName);
    expect(
      await signInWithOidc({
        db: database.db,
        provider: p,
        claims: { sub: "s-3", email: "bob@bank.test", email_verified: false, groups: ["ops"] },
        origin,
      }),
    ).toEqual({ ok: false, reason: "SSO_NO_EMAIL" });
    expect(
      await signInWithOidc({
        db: database.db,
        provider: p,
        claims: { sub: "s-3", email: "bob@bank.test", groups: ["admins"] },
        origin,
      }),
    ).toEqual({ ok: false, reason: "SSO_NO_ROLE" });
    expect(
      await signInWithOidc({
        db: database.db,
        provider: p,
        claims: { sub: "other", email: "ann@bank.test", groups: ["ops"] },
        origin,
      }),
    ).toEqual({ ok: false, reason: "SSO_SUBJECT_MISMATCH" });
  });

  it("never lets the IdP grant staff powers alone; lowers at once; amr satisfies MFA, else TOTP is owed", async () => {
    const thales = provider("Thales");
    const first = await signInWithOidc({
      db: database.db,
      provider: thales,
      claims: { sub: "t-1", email: "tom@thales-sso.test", groups: ["admins"], amr: ["otp"] },
      origin,
    });
    expect(first).toEqual({ ok: false, reason: "SSO_PENDING_APPROVAL" });
    const tom = await database.db.user.findUniqueOrThrow({ where: { email: "tom@thales-sso.test" } });
    expect(tom).toMatchObject({ disabled: true, ssoPendingRole: "ADMIN", role: "ADMIN" });
    await database.db.user.update({ where: { id: tom.id }, data: { disabled: false } });
    expect(
      await signInWithOidc({
        db: database.db,
        provider: thales,
        claims: { sub: "t-1", email: "tom@thales-sso.test", groups: ["admins"], amr: ["otp"] },
        origin,
      }),
    ).toMatchObject({ ok: true, secondFactorOwed: false });
    await signInWithOidc({
      db: database.db,
      provider: thales,
      claims: { sub: "t-1", email: "tom@thales-sso.test", groups: ["delivery"], amr: ["otp"] },
      origin,
    });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: tom.id } })).role).toBe("THALES_DELIVERY");
    await signInWithOidc({
      db: database.db,
      provider: thales,
      claims: { sub: "t-1", email: "tom@thales-sso.test", groups: ["admins"], amr: ["otp"] },
      origin,
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: tom.id } })).toMatchObject({
      role: "THALES_DELIVERY",
      ssoPendingRole: "ADMIN",
    });
    await database.db.user.update({ where: { id: tom.id }, data: { mfaSecret: "encrypted-placeholder" } });
    expect(
      await signInWithOidc({
        db: database.db,
        provider: thales,
        claims: { sub: "t-1", email: "tom@thales-sso.test", groups: ["delivery"], amr: ["pwd"] },
        origin,
      }),
    ).toMatchObject({ ok: true, secondFactorOwed: true });
    const actions = (
      await database.db.auditEvent.findMany({ where: { actorId: tom.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "auth.sso.provisioned",
        "auth.sso.refused",
        "auth.sso.success",
        "auth.sso.role-changed",
        "auth.sso.role-pending",
      ]),
    );
  });

  it("an organization on SSO only refuses its users' passwords, but not an administrator's", async () => {
    const admin = await makeUser(database.db, "ADMIN", { password: "admin password 1" });
    const user = await makeUser(database.db, "CUSTOMER", {
      organizationId: customerOrg,
      password: "customer password 1",
    });
    await setPasswordLogin({ db: database.db, actor: admin, organizationId: customerOrg, allowed: false });
    expect(await authenticate(database.db, { email: user.email, password: "customer password 1", origin })).toEqual({
      ok: false,
      reason: "PASSWORD_LOGIN_DISABLED",
    });
    expect(await authenticate(database.db, { email: user.email, password: "wrong", origin })).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    await setPasswordLogin({ db: database.db, actor: admin, organizationId: customerOrg, allowed: true });
    expect(
      await authenticate(database.db, { email: user.email, password: "customer password 1", origin }),
    ).toMatchObject({ ok: true });
    const changes = await database.db.auditEvent.findMany({
      where: { action: "organization.password-login.changed", organizationId: customerOrg },
    });
    expect(changes).toHaveLength(2);
  });

  it("opens a server-side session like a password sign-in: amr stands for TOTP enrolment, sign-out ends it", async () => {
    const thales = provider("Thales");
    const email = `sid-${newId().slice(0, 6)}@thales-sso.test`;
    const claims = { sub: `sid-${email}`, email, groups: ["delivery"], amr: ["mfa"] };
    expect(await signInWithOidc({ db: database.db, provider: thales, claims, origin })).toEqual({
      ok: false,
      reason: "SSO_PENDING_APPROVAL",
    });
    await database.db.user.update({ where: { email }, data: { disabled: false } });
    const first = await signInWithOidc({ db: database.db, provider: thales, claims, origin });
    if (!first.ok) throw new Error(first.reason);
    const row = await database.db.session.findUniqueOrThrow({ where: { id: first.sessionId } });
    expect(row).toMatchObject({
      userId: first.userId,
      ssoProvider: "idp",
      idpSecondFactor: true,
      secondFactorOwed: false,
      ip: origin.ip,
      endedAt: null,
    });
    // Staff without a portal TOTP: the IdP's second factor counts for this session only.
    expect(await loadSessionActor(database.db, first.sessionId, first.userId)).toMatchObject({
      role: "THALES_DELIVERY",
      mfaEnrolmentRequired: false,
    });
    const withoutAmr = await signInWithOidc({
      db: database.db,
      provider: thales,
      claims: { ...claims, amr: ["pwd"] },
      origin,
    });
    if (!withoutAmr.ok) throw new Error(withoutAmr.reason);
    expect(withoutAmr.secondFactorOwed).toBe(false);
    expect(await loadSessionActor(database.db, withoutAmr.sessionId, first.userId)).toMatchObject({
      mfaEnrolmentRequired: true,
    });
    await endSession(database.db, first.sessionId);
    expect(await loadSessionActor(database.db, first.sessionId, first.userId)).toBeNull();
    const success = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sso.success", targetId: first.sessionId },
    });
    expect(JSON.parse(success.details!)).toMatchObject({ provider: "idp", amr: ["mfa"], secondFactor: "idp-amr" });
  });

  it("without amr a staff user with TOTP owes the code: the session opens nothing until it is given", async () => {
    const thales = provider("Thales");
    const email = `totp-${newId().slice(0, 6)}@thales-sso.test`;
    const secret = generateSecret();
    const admin = await makeUser(database.db, "THALES_DELIVERY", {
      email,
      organizationId: await ensureThalesOrganization(database.db),
    });
    await database.db.user.update({
      where: { id: admin.id },
      data: { mfaSecret: encryptKey(secret), mfaEnabledAt: new Date() },
    });
    const claims = { sub: `totp-${email}`, email, groups: ["delivery"], amr: ["pwd"] };
    const result = await signInWithOidc({ db: database.db, provider: thales, claims, origin });
    if (!result.ok) throw new Error(result.reason);
    expect(result.secondFactorOwed).toBe(true);
    expect(await loadSessionActor(database.db, result.sessionId, admin.id)).toBeNull();
    expect(await loadOwedSession(database.db, result.sessionId, admin.id)).toBe(true);
    const now = new Date();
    const complete = (code: string) =>
      completeSecondFactor({ db: database.db, sessionId: result.sessionId, userId: admin.id, code, origin, now });
    expect(await complete("000000" === hotp(base32Decode(secret), timeStep(now)) ? "111111" : "000000")).toBe(
      "invalid",
    );
    expect(await complete(hotp(base32Decode(secret), timeStep(now)))).toBe("ok");
    expect(await loadSessionActor(database.db, result.sessionId, admin.id)).toMatchObject({
      id: admin.id,
      mfaEnrolmentRequired: false,
    });
    expect(await loadOwedSession(database.db, result.sessionId, admin.id)).toBe(false);
    // The same code again, or a code for a session that owes nothing: refused.
    expect(await complete(hotp(base32Decode(secret), timeStep(now)))).toBe("ended");
    const actions = (
      await database.db.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["auth.sso.linked", "auth.sso.success", "auth.login.failure", "auth.sso.second-factor"]);
  });

  it("a role lowered at the IdP applies at the next sign-in and ends the account's other sessions", async () => {
    const thales = provider("Thales");
    const email = `low-${newId().slice(0, 6)}@thales-sso.test`;
    const user = await makeUser(database.db, "ADMIN", {
      email,
      organizationId: await ensureThalesOrganization(database.db),
    });
    const claims = { sub: `low-${email}`, email, groups: ["admins"], amr: ["otp"] };
    const before = await signInWithOidc({ db: database.db, provider: thales, claims, origin });
    if (!before.ok) throw new Error(before.reason);
    expect(await loadSessionActor(database.db, before.sessionId, user.id)).toMatchObject({ role: "ADMIN" });
    const after = await signInWithOidc({
      db: database.db,
      provider: thales,
      claims: { ...claims, groups: ["delivery"] },
      origin,
    });
    if (!after.ok) throw new Error(after.reason);
    expect(await loadSessionActor(database.db, before.sessionId, user.id)).toBeNull();
    expect(await loadSessionActor(database.db, after.sessionId, user.id)).toMatchObject({ role: "THALES_DELIVERY" });
    expect((await database.db.session.findUniqueOrThrow({ where: { id: before.sessionId } })).endReason).toBe(
      "role-changed",
    );
  });
});

describe("single sign-on configuration at start", () => {
  it("a wrong PORTAL_OIDC_* stops scripts/prepare.ts (run by npm start), naming the variable", () => {
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: "file:/nonexistent/never-opened.db",
        PORTAL_OIDC_PROVIDERS: "thales",
        PORTAL_OIDC_THALES_ISSUER: "https://idp.test",
      },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("single sign-on configuration: PORTAL_OIDC_THALES_CLIENT_ID is required");
  });
});
