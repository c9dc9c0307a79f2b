import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, test, uniqueIp, USERS, signOut } from "../support/fixtures";
import { query } from "../support/db";
import { E2E_SECRETS_KEY } from "../support/global-setup";
import { enrolAuthenticator, nextCode } from "../support/mfa";
import { freePort, startServer, type ExtraServer } from "../support/extra-server";
import { startIdp, type TestIdp } from "../support/oidc-idp";

/**
 * Single sign-on end to end: two real OpenID providers (the `oidc-provider` package) on loopback, Thales's
 * and Acme Bank's, and a second portal instance configured with both (PORTAL_OIDC_*) on the e2e database,
 * driven in Chromium. Domains are bound and accounts enabled by the admin through the admin pages of the
 * shared e2e server (same database). Each sign-in is a fresh browser context, so the IdP always asks.
 */
const SECRET = "client-secret-for-the-e2e-idp";
let portal: ExtraServer;
let thales: TestIdp;
let acme: TestIdp;
const run = Date.now().toString(36);
const THALES_DOMAIN = `sso-${run}.thales.test`;
const ACME_DOMAIN = `sso-${run}.acme.test`;
/** The organizations page filtered to Acme Bank (the list is paged by name). */
const ACME_ORGANIZATIONS = "/admin/organizations?q=Acme+Bank";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const callback = (id: string) => `http://127.0.0.1:${port}/api/auth/callback/oidc-${id}`;
  thales = await startIdp({ clientId: "portal-thales", clientSecret: SECRET, redirectUri: callback("thales") });
  acme = await startIdp({ clientId: "portal-acme", clientSecret: SECRET, redirectUri: callback("acme") });
  portal = await startServer(
    {
      DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE,
      PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY,
      PORTAL_JOBS: "off",
      PORTAL_OIDC_PROVIDERS: "thales,acme",
      PORTAL_OIDC_THALES_ISSUER: thales.issuer,
      PORTAL_OIDC_THALES_CLIENT_ID: "portal-thales",
      PORTAL_OIDC_THALES_CLIENT_SECRET: SECRET,
      PORTAL_OIDC_THALES_ORGANIZATION: "Thales",
      PORTAL_OIDC_THALES_LABEL: "Thales staff sign-in",
      PORTAL_OIDC_THALES_ROLES: "portal-admins=ADMIN,portal-delivery=THALES_DELIVERY",
      PORTAL_OIDC_ACME_ISSUER: acme.issuer,
      PORTAL_OIDC_ACME_CLIENT_ID: "portal-acme",
      PORTAL_OIDC_ACME_CLIENT_SECRET: SECRET,
      PORTAL_OIDC_ACME_ORGANIZATION: "Acme Bank",
      PORTAL_OIDC_ACME_LABEL: "Acme Bank sign-in",
      PORTAL_OIDC_ACME_ROLES: "tls-operators=CUSTOMER",
    },
    "/login",
    port,
  );
  // On a cold, loaded machine the shared server's first password sign-in can outlast the sign-in helper's
  // 10 s wait: one sign-in post here (its outcome does not matter) warms that path up.
  const base = process.env.E2E_BASE_URL!;
  const headers = { "x-forwarded-for": uniqueIp() };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email: USERS.admin, password: DEMO_PASSWORD, csrfToken, json: "true" }),
    redirect: "manual",
  });
});
test.afterAll(async () => {
  await portal?.stop();
  await thales?.close();
  await acme?.close();
});

/** Signs in at the portal through an IdP's button as `account`; returns the page where it lands. */
async function ssoSignIn(browser: Browser, button: string, account: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: portal.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueIp() },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
  await page.getByLabel("Account").fill(account);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === portal.baseURL && !url.pathname.startsWith("/api/auth"));
  return page;
}

type AuditRow = { action: string; details: string | null; targetId: string | null };
async function auditOf(email: string): Promise<AuditRow[]> {
  return query<AuditRow>(
    `SELECT action, details, "targetId" FROM "AuditEvent" WHERE "actorEmail" = $1 OR details LIKE $2 ORDER BY "createdAt", id`,
    [email, `%${email}%`],
  );
}

async function openSessions(
  email: string,
): Promise<{ id: string; ssoProvider: string | null; idpSecondFactor: unknown }[]> {
  return query(
    `SELECT s.id, s."ssoProvider", s."idpSecondFactor" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."endedAt" IS NULL ORDER BY s."createdAt"`,
    [email],
  );
}

test.describe("single sign-on with OpenID Connect", () => {
  test("bound domains only, roles from the IdP at each sign-in, amr or TOTP, a revocable session", async ({
    browser,
    signedIn,
  }) => {
    test.setTimeout(360_000);
    const admin = await signedIn(USERS.admin);
    for (const [organization, domain] of [
      ["Thales", THALES_DOMAIN],
      ["Acme Bank", ACME_DOMAIN],
    ] as const) {
      await admin.goto(`/admin/organizations?q=${encodeURIComponent(organization)}`);
      const org = admin.locator(`[data-testid="organization"][data-name="${organization}"]`);
      await org.getByLabel("E-mail domain").fill(domain);
      await org.getByRole("button", { name: "Bind domain" }).click();
      await expect(org.getByTestId("sso-domain").filter({ hasText: domain })).toBeVisible();
    }

    // A customer at Acme's IdP with an address outside the bound domain: refused, nothing created, audited.
    const eveEmail = `eve@evil-${run}.test`;
    acme.accounts.set("eve", { email: eveEmail, groups: ["tls-operators"], amr: ["pwd"] });
    const eve = await ssoSignIn(browser, "Acme Bank sign-in", "eve");
    await expect(eve.getByTestId("sso-error")).toContainText("e-mail domain is not registered");
    expect(await query(`SELECT id FROM "User" WHERE email = $1`, [eveEmail])).toEqual([]);
    const eveAudit = await auditOf(eveEmail);
    expect(eveAudit.map((e) => e.action)).toEqual(["auth.sso.refused"]);
    expect(JSON.parse(eveAudit[0]!.details!)).toMatchObject({ provider: "acme", reason: "SSO_WRONG_DOMAIN" });

    // A customer in the bound domain is provisioned just in time, with the mapped role, in Acme Bank.
    const carolEmail = `carol@${ACME_DOMAIN}`;
    acme.accounts.set("carol", { email: carolEmail, name: "Carol SSO", groups: ["tls-operators"], amr: ["pwd"] });
    const carol = await ssoSignIn(browser, "Acme Bank sign-in", "carol");
    await expect(carol.getByTestId("whoami")).toContainText(carolEmail);
    await expect(carol.getByTestId("whoami")).toContainText("Acme Bank");
    await expect(carol.getByTestId("role")).toHaveText("Customer");

    // "Require single sign-on" for Acme Bank: its users' passwords no longer open the portal (said only after
    // the right password); allowed again afterwards, whatever happens, for the specs that follow.
    const acmeOrg = admin.locator(`[data-testid="organization"][data-name="Acme Bank"]`);
    await admin.goto(ACME_ORGANIZATIONS);
    await acmeOrg.getByRole("button", { name: "Require single sign-on" }).click();
    await expect(acmeOrg.getByTestId("password-login")).toHaveText("single sign-on only");
    try {
      const context = await browser.newContext({
        baseURL: portal.baseURL,
        extraHTTPHeaders: { "x-forwarded-for": uniqueIp() },
      });
      const byPassword = await context.newPage();
      await byPassword.goto("/login");
      await byPassword.getByLabel("E-mail").fill(USERS.acme);
      await byPassword.getByLabel("Password").fill(DEMO_PASSWORD);
      await byPassword.getByRole("button", { name: "Sign in" }).click();
      await expect(byPassword.getByTestId("form-message")).toContainText("signs in with single sign-on");
      await context.close();
    } finally {
      await admin.goto(ACME_ORGANIZATIONS);
      await acmeOrg.getByRole("button", { name: "Allow passwords again" }).click();
      await expect(acmeOrg.getByTestId("password-login")).toHaveText("allowed");
    }
    const refusedPassword = await query<{ details: string }>(
      `SELECT details FROM "AuditEvent" WHERE action = 'auth.login.failure' AND "actorEmail" = $1 ORDER BY "createdAt" DESC, id DESC`,
      [USERS.acme],
    );
    expect(JSON.parse(refusedPassword[0]!.details)).toMatchObject({ reason: "password-login-disabled" });
    expect(await openSessions(carolEmail)).toEqual([expect.objectContaining({ ssoProvider: "acme" })]);
    // The same address at Thales's IdP does not get into Thales.
    thales.accounts.set("carol", { email: carolEmail, groups: ["portal-admins"], amr: ["mfa"] });
    const crossed = await ssoSignIn(browser, "Thales staff sign-in", "carol");
    await expect(crossed.getByTestId("sso-error")).toContainText("another organization");

    // A Thales administrator from the IdP: provisioned with the mapped role, disabled until an admin enables it.
    const aliceEmail = `alice@${THALES_DOMAIN}`;
    const alice = (groups: string[], amr: string[]) =>
      thales.accounts.set("alice", { email: aliceEmail, name: "Alice SSO", groups, amr });
    alice(["portal-admins"], ["pwd", "otp"]);
    const pending = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(pending.getByTestId("sso-error")).toContainText("waits for a portal administrator");
    const [row] = await query<{ role: string; disabled: unknown }>(
      `SELECT role, disabled FROM "User" WHERE email = $1`,
      [aliceEmail],
    );
    expect(row!.role).toBe("ADMIN");
    expect(Boolean(row!.disabled)).toBe(true);
    await admin.goto(`/admin/users?q=${encodeURIComponent(aliceEmail)}`);
    await admin.getByTestId(`user-row-${aliceEmail}`).getByRole("button", { name: "Enable" }).click();
    await expect(admin.getByTestId(`user-row-${aliceEmail}`)).toContainText("Active");

    // Enabled, with `amr` saying a second factor was used: in, as an administrator, without any TOTP step.
    const asAdmin = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(asAdmin.getByTestId("role")).toHaveText("Administrator");
    await asAdmin.goto("/admin/users");
    await expect(asAdmin).toHaveURL(/\/admin\/users$/);

    // The IdP moves her to the delivery group: the next sign-in has the delivery role, and her admin session ends.
    alice(["portal-delivery"], ["pwd", "otp"]);
    const demoted = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(demoted.getByTestId("role")).toHaveText("Thales delivery");
    await asAdmin.goto("/admin/users");
    await expect(asAdmin).toHaveURL(/\/login\?ended=revoked$/);

    // Back to admins at the IdP: a raise is not the IdP's to grant; she keeps the delivery role, audited as pending.
    alice(["portal-admins"], ["pwd", "otp"]);
    const raised = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(raised.getByTestId("role")).toHaveText("Thales delivery");

    // Without a second factor in `amr` and no TOTP yet, the portal asks her to enrol one, as after a password.
    alice(["portal-delivery"], ["pwd"]);
    const noMfa = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(noMfa).toHaveURL(/\/account\/mfa$/);
    await enrolAuthenticator(noMfa, aliceEmail);
    await noMfa.getByRole("link", { name: /continue/ }).click();
    await expect(noMfa.getByTestId("whoami")).toContainText(aliceEmail);

    // Sign-out ends her SSO session server-side: a copy of its cookie opens nothing afterwards.
    const [session] = await openSessions(aliceEmail).then((rows) => rows.slice(-1));
    const copied = await noMfa.context().storageState();
    await signOut(noMfa);
    await expect(noMfa).toHaveURL(/\/login/);
    const [ended] = await query<{ endReason: string | null }>(`SELECT "endReason" FROM "Session" WHERE id = $1`, [
      session!.id,
    ]);
    expect(ended!.endReason).toBe("sign-out");
    const replay = await browser.newContext({ baseURL: portal.baseURL, storageState: copied });
    const replayed = await replay.newPage();
    await replayed.goto("/");
    await expect(replayed).toHaveURL(/\/login\?ended=revoked$/);
    await replay.close();

    // Now she has TOTP: without `amr` the portal asks for the code before anything opens.
    const owed = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(owed).toHaveURL(/\/login\/second-factor$/);
    await owed.goto("/audit");
    await expect(owed).toHaveURL(/\/login\/second-factor$/);
    await owed.getByLabel("Authentication code").fill("000000");
    await owed.getByRole("button", { name: "Verify" }).click();
    await expect(owed.getByTestId("form-message")).toContainText("not right");
    await owed.getByLabel("Authentication code").fill(await nextCode(aliceEmail));
    await owed.getByRole("button", { name: "Verify" }).click();
    await expect(owed.getByTestId("whoami")).toContainText(aliceEmail);
    await expect(owed.getByTestId("role")).toHaveText("Thales delivery");

    // With `amr` vouching for a second factor, no code is asked although she has TOTP.
    alice(["portal-delivery"], ["pwd", "mfa"]);
    const vouched = await ssoSignIn(browser, "Thales staff sign-in", "alice");
    await expect(vouched.getByTestId("whoami")).toContainText(aliceEmail);

    const events = await auditOf(aliceEmail);
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "auth.sso.provisioned",
        "auth.sso.refused",
        "auth.sso.success",
        "auth.sso.role-changed",
        "auth.sso.role-pending",
        "auth.sessions.ended",
        "auth.logout",
        "auth.login.failure",
        "auth.sso.second-factor",
      ]),
    );
    const factors = events
      .filter((e) => e.action === "auth.sso.success")
      .map((e) => JSON.parse(e.details!).secondFactor ?? null);
    expect(factors).toEqual(["idp-amr", "idp-amr", "idp-amr", null, "totp-owed", "idp-amr"]);
  });
});
