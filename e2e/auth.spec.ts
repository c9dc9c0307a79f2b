import { test, expect, signIn, USERS, DEMO_PASSWORD, uniqueIp, signOut } from "./support/fixtures";
import { createOrganizationsAsAdmin } from "./api/support";

const NAVIGATION = {
  [USERS.acme]: { role: "Customer", links: ["Readiness", "Search", "API tokens"] },
  [USERS.acmeViewer]: { role: "Customer (read-only)", links: ["Readiness", "Search", "API tokens"] },
  [USERS.delivery1]: {
    role: "Thales delivery",
    links: [
      "Overview",
      "Search",
      "Review queue",
      "Publish",
      "Expiring",
      "CA changes",
      "Thales CA",
      "Audit log",
      "API tokens",
    ],
  },
  [USERS.admin]: {
    role: "Administrator",
    links: [
      "Overview",
      "Search",
      "Publish",
      "Expiring",
      "CA changes",
      "Organizations",
      "Users",
      "Thales CA",
      "Audit log",
      "API tokens",
    ],
  },
};

for (const [email, expected] of Object.entries(NAVIGATION)) {
  test(`${expected.role} signs in and sees their navigation`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByTestId("role")).toHaveText(expected.role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(expected.links);
  });
}

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(USERS.acme);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-message")).toHaveText("Wrong e-mail or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("sign-in is throttled after 10 failures, even with the right password", async ({ page, signedIn }) => {
  // A user of its own: a throttled demo account would lock every later spec out for 15 minutes.
  const admin = await signedIn(USERS.admin);
  await admin.goto("/admin/users");
  const email = `throttled-${Date.now()}@globex.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("Throttled");
  await admin.getByLabel("Role").selectOption("CUSTOMER");
  await admin.getByLabel("Organization").selectOption({ label: "Globex Pay" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  const password = (await admin.getByTestId("one-time-password").textContent())!.trim();

  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(`wrong ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-message")).toHaveText("Wrong e-mail or password.");
  }
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Too many failed attempts");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a disabled user is thrown out at the next request", async ({ browser, signedIn }) => {
  const userContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const user = await userContext.newPage();
  await signIn(user, USERS.delivery2);
  const admin = await signedIn(USERS.admin);

  // The list is paged: the admin finds the account with the filter (e-mail or name, any case).
  await admin.goto("/admin/users");
  await admin.getByLabel("Find users").fill(USERS.delivery2.toUpperCase());
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin.getByTestId("users-total")).toHaveText(
    `1 user(s) whose e-mail or name contains “${USERS.delivery2.toUpperCase()}”, by organization and e-mail.`,
  );
  const row = admin.getByTestId(`user-row-${USERS.delivery2}`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  await user.reload();
  // Disabling ended the session server-side: the sign-in page says so.
  await expect(user).toHaveURL(/\/login\?ended=revoked$/);
  // And cannot come back in.
  await user.getByLabel("E-mail").fill(USERS.delivery2);
  await user.getByLabel("Password").fill(DEMO_PASSWORD);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user.getByTestId("form-message")).toHaveText("Wrong e-mail or password.");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
  await userContext.close();
});

test("an admin finds organizations by name, a page at a time, and sees the one just added", async ({ signedIn }) => {
  const admin = await signedIn(USERS.admin);
  const run = `Pager ${Date.now().toString(36)}`;
  const name = (n: number) => `${run} Bank ${String(n).padStart(2, "0")}`;
  createOrganizationsAsAdmin(Array.from({ length: 25 }, (_, i) => name(i + 1)));

  // Added through the form: the list then shows it, filtered by its name, whatever page it falls on.
  await admin.goto("/admin/organizations");
  await admin.getByLabel("Organization name").fill(name(26));
  await admin.getByRole("button", { name: "Add organization" }).click();
  await expect(admin.getByLabel("Find organizations")).toHaveValue(name(26));
  await expect(admin.getByTestId("organization")).toHaveCount(1);
  await expect(admin.getByTestId("organization")).toHaveAttribute("data-name", name(26));

  // 26 names share the run's part, in any case: 25 on the first page, by name, the 26th on the next.
  await admin.getByLabel("Find organizations").fill(`${run.toUpperCase()} bank`);
  await admin.getByRole("button", { name: "Filter" }).click();
  const total = admin.getByTestId("organizations-total");
  await expect(total).toHaveText(
    `26 organization(s) whose name contains “${run.toUpperCase()} bank”, by name · showing 1–25.`,
  );
  await expect(admin.getByTestId("organization").first()).toHaveAttribute("data-name", name(1));
  await expect(admin.getByTestId("organization")).toHaveCount(25);
  await admin.getByRole("link", { name: "Next →" }).click();
  await expect(total).toContainText("showing 26–26.");
  await expect(admin.getByTestId("organization")).toHaveCount(1);
  await expect(admin.getByTestId("organization")).toHaveAttribute("data-name", name(26));
  await admin.getByRole("link", { name: "← Previous" }).click();
  await expect(admin.getByTestId("organization")).toHaveCount(25);
});

test("logout ends the session", async ({ page }) => {
  await signIn(page, USERS.delivery1);
  await signOut(page);
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login$/);
});

test("an invited user must replace the one-time password before anything else", async ({ signedIn, browser }) => {
  const page = await signedIn(USERS.admin);
  await page.goto("/admin/users");
  const email = `invited-${Date.now()}@acme.test`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name").fill("Invited Ops");
  await page.getByLabel("Role").selectOption("CUSTOMER");
  await page.getByLabel("Organization").selectOption({ label: "Acme Bank" });
  await page.getByRole("button", { name: "Invite user" }).click();
  const oneTimePassword = (await page.getByTestId("one-time-password").textContent())!.trim();

  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const invited = await context.newPage();
  await invited.goto("/login");
  await invited.getByLabel("E-mail").fill(email);
  await invited.getByLabel("Password").fill(oneTimePassword);
  await invited.getByRole("button", { name: "Sign in" }).click();
  await expect(invited).toHaveURL(/\/account\/password$/);
  await invited.getByLabel("Current (one-time) password").fill(oneTimePassword);
  await invited.getByLabel("New password", { exact: true }).fill("short");
  await invited.getByLabel("New password again").fill("short");
  await invited.getByRole("button", { name: "Save password" }).click();
  await expect(invited.getByTestId("form-message")).toHaveText("Use at least 12 characters.");
  await expect(invited).toHaveURL(/\/account\/password$/);
  await invited.getByLabel("New password", { exact: true }).fill("a long new password");
  await invited.getByLabel("New password again").fill("a long new password");
  await invited.getByLabel("Current (one-time) password").fill(oneTimePassword);
  await invited.getByRole("button", { name: "Save password" }).click();
  await expect(invited.getByTestId("whoami")).toContainText(email);
  await context.close();
});

test("the audit log records sign-ins, failures and admin changes", async ({ signedIn }) => {
  const page = await signedIn(USERS.admin);
  await page.goto("/audit?action=auth.login");
  await expect(page.getByRole("cell", { name: "auth.login.success" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "auth.login.failure" }).first()).toBeVisible();
  await page.goto("/audit?action=user.");
  await expect(page.getByRole("cell", { name: "user.disabled" }).first()).toBeVisible();
  // Each entry names its object (issue 15), not "User 2a85…": the user by e-mail.
  const disabled = page.locator('[data-testid="audit-event"][data-action="user.disabled"]').first();
  await expect(disabled.getByTestId("audit-target")).toHaveText(/^User \S+@\S+$/);
  // A version by kind, number, connection and organization, linked to its page (the seed's rejected Globex CSR).
  await page.goto(`/audit?action=asset.uploaded&actor=${encodeURIComponent(USERS.globex)}`);
  const uploaded = page.locator('[data-testid="audit-event"][data-action="asset.uploaded"]').last();
  const link = uploaded.getByTestId("audit-target").getByRole("link");
  await expect(link).toHaveText("Client certificate request (CSR) v1 · GLOBEX9 PPR (Globex Pay)");
  await link.click();
  await expect(page).toHaveURL(/\/versions\/[^/]+$/);
  await expect(page.locator("h1")).toContainText("v1");
});
