import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, USERS, approveStaffGrant, uniqueIp } from "../support/fixtures";
import { enrolAuthenticator } from "../support/mfa";
import { query } from "../support/db";
import { apiToken } from "../api/support";

/**
 * Staff controls hold in the services, not in the layout: before a user has chosen their own password, and
 * before a staff user has a second factor, every page answers a redirect whose body carries no data (the
 * layout's redirect used to leave the page rendering in parallel, with its data in the body), every route
 * handler and API token is refused, and each refusal is audited. Checked with raw HTTP responses.
 */
const STAFF_PAGES = ["/", "/review", "/audit", "/ca", "/publish", "/tokens", "/admin/users", "/admin/organizations"];

async function dataMarkers(): Promise<string[]> {
  const orgs = await query<{ name: string }>(`SELECT name FROM "Organization" WHERE kind = 'CUSTOMER'`);
  const identifiers = await query<{ value: string }>(`SELECT value FROM "Identifier"`);
  return [
    ...orgs.map((o) => o.name),
    ...identifiers.map((i) => i.value),
    "BEGIN CERTIFICATE",
    "auth.login",
    USERS.acme,
  ];
}

async function inviteStaff(admin: Page): Promise<{ email: string; oneTimePassword: string }> {
  await admin.goto("/admin/users");
  // Not @thales.test: the API helper would enrol a second factor for it.
  const email = `staff-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}@staff.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("New Delivery");
  await admin.getByLabel("Role").selectOption("THALES_DELIVERY");
  await admin.getByLabel("Organization").selectOption({ label: "Thales (Thales)" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  return { email, oneTimePassword: (await admin.getByTestId("one-time-password").textContent())!.trim() };
}

async function signInWithForm(
  browser: Browser,
  baseURL: string | undefined,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return { context, page };
}

async function expectNoDataAnywhere(context: BrowserContext, paths: string[], location: string, markers: string[]) {
  for (const path of paths) {
    const response = await context.request.get(path, { maxRedirects: 0, headers: { accept: "text/html" } });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toContain(location);
    const body = await response.text();
    for (const marker of markers) expect(body, `${path} leaks ${marker}`).not.toContain(marker);
  }
}

test("before a password is chosen and before a second factor is set up, nothing is served but those flows", async ({
  browser,
  baseURL,
  signedIn,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(USERS.admin);
  const { email, oneTimePassword } = await inviteStaff(admin);
  await approveStaffGrant(browser, baseURL!, email);
  const markers = await dataMarkers();
  const [connection] = await query<{ id: string }>(`SELECT id FROM "Connection" ORDER BY id LIMIT 1`);
  const [version] = await query<{ id: string }>(`SELECT id FROM "AssetVersion" ORDER BY id LIMIT 1`);
  const pages = [...STAFF_PAGES, `/connections/${connection!.id}`, `/versions/${version!.id}`];
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);

  // 1. Signed in with the one-time password: only the password page.
  const { context, page } = await signInWithForm(browser, baseURL, email, oneTimePassword);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expectNoDataAnywhere(context, pages, "/account/password", markers);
  for (const path of [
    "/audit/export.csv",
    `/connections/${connection!.id}/trust-store.pem`,
    `/download/versions/${version!.id}`,
  ]) {
    expect((await context.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  // An API token made for this user (operator command) does not work either.
  const token = apiToken(email, "before-password");
  const refused = await context.request.get("/api/v1/connections", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).message).toContain("password");

  // 2. Password chosen, no second factor yet: only enrolment (the password page and sign-out still open).
  await page.getByLabel("Current (one-time) password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill("a staff password for e2e");
  await page.getByLabel("New password again").fill("a staff password for e2e");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/account\/mfa$/);
  await expectNoDataAnywhere(context, pages, "/account/mfa", markers);
  expect((await context.request.get("/audit/export.csv", { maxRedirects: 0 })).status()).toBe(403);
  const stillRefused = await context.request.get("/api/v1/connections", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(stillRefused.status()).toBe(403);
  expect((await stillRefused.json()).message).toContain("two-factor");
  expect((await context.request.get("/account/sessions", { maxRedirects: 0 })).status()).toBe(200);

  // 3. Enrolled: the same session and token now work.
  await enrolAuthenticator(page, email);
  expect((await context.request.get("/review", { maxRedirects: 0 })).status()).toBe(200);
  expect(
    (await context.request.get("/api/v1/connections", { headers: { authorization: `Bearer ${token}` } })).status(),
  ).toBe(200);

  const refusals = await query<{ details: string }>(
    `SELECT details FROM "AuditEvent" WHERE action = 'auth.refused' AND "actorId" = $1`,
    [user!.id],
  );
  const reasons = new Set(refusals.map((r) => `${JSON.parse(r.details).via}:${JSON.parse(r.details).reason}`));
  expect([...reasons].sort()).toEqual([
    "api-token:mfa-enrolment-required",
    "api-token:password-change-required",
    "page:mfa-enrolment-required",
    "page:password-change-required",
    "request:mfa-enrolment-required",
    "request:password-change-required",
  ]);
  await context.close();
});
