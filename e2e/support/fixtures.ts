import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { enrolAuthenticator, nextCode } from "./mfa";

export const DEMO_PASSWORD = "portal-demo-2026";
export const USERS = {
  admin: "admin@portal.test",
  delivery1: "delivery1@thales.test",
  delivery2: "delivery2@thales.test",
  acme: "ops@acme.test",
  globex: "ops@globex.test",
  acmeViewer: "viewer@acme.test",
} as const;

/**
 * Each test gets its own client address (X-Forwarded-For), so one test's failed logins never throttle
 * another; random rather than counted, so a restarted worker does not reuse addresses with failures on them.
 */
export function uniqueIp(): string {
  const [a, b, c] = randomBytes(3);
  return `198.${18 + (a! % 2)}.${b}.${(c! % 254) + 1}`;
}

/**
 * Signs in through the form. Accounts with two-factor on get the next code from the test's authenticator;
 * delivery and admin accounts without it are enrolled on the way (their role requires it).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const whoami = page.getByTestId("whoami");
  const codeField = page.getByLabel("Authentication code");
  const enrolment = page.getByTestId("mfa-secret");
  await expect(whoami.or(codeField).or(enrolment)).toBeVisible();
  if (await codeField.isVisible()) {
    await codeField.fill(await nextCode(email));
    await page.getByRole("button", { name: "Verify" }).click();
  } else if (await enrolment.isVisible()) {
    await enrolAuthenticator(page, email);
    await page.getByRole("link", { name: /continue/ }).click();
  }
  await expect(whoami).toContainText(email);
}

/** Signs out through the header's account menu (where "Sign out" lives at every width). */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("account-menu").locator("summary").click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
}

/** The signed-in user's e-mail, as the header's account menu names it. */
export async function whoamiEmail(page: Page): Promise<string> {
  return (await page.getByTestId("whoami").textContent())!.match(/\(([^)]+)\)/)![1]!;
}

/** The first admin that `npm start` creates in the e2e server (global-setup), a second admin beside the seed's. */
export const SECOND_ADMIN = { email: "root@portal.test", password: "root password for e2e" };

/**
 * A staff account an admin invited waits for a second admin (separation of duties, decision 010): that second
 * admin signs in in a context of its own and approves the grant on the Users page.
 */
export async function approveStaffGrant(browser: Browser, baseURL: string, email: string): Promise<void> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  try {
    const root = await context.newPage();
    await signIn(root, SECOND_ADMIN.email, SECOND_ADMIN.password);
    await root.goto("/admin/users");
    await root.getByTestId(`grant-row-${email}`).getByRole("button", { name: "Approve" }).click();
    await expect(root.getByTestId(`grant-row-${email}`)).toHaveCount(0);
  } finally {
    await context.close();
  }
}

/** Sessions of this worker's users, by e-mail (cookies of sessions the portal keeps server-side). */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/**
 * A new browser context (own cookies, own client address) signed in as a user, reusing this worker's session of
 * that user while the portal still accepts it: a staff sign-in spends a TOTP step, and the portal accepts each step
 * once, so signing the same admin in again and again made tests wait for the clock. `who` may be
 * "e-mail\none-time password" for an invited user who must first replace it.
 */
async function openSignedIn(browser: Browser, baseURL: string | undefined, who: string) {
  const [email, oneTimePassword] = who.split("\n") as [string, string | undefined];
  const saved = sessions.get(email);
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1400, height: 1000 },
    extraHTTPHeaders: { "x-forwarded-for": uniqueIp() },
    storageState: saved,
  });
  const page = await context.newPage();
  if (saved) {
    await page.goto("/");
    // textContent, not innerText: the e-mail sits in the closed account menu, which innerText leaves out (so every
    // reuse used to sign in again, spending a TOTP step each time for staff).
    const whoami = page.getByTestId("whoami");
    if (!(await whoami.isVisible()) || !((await whoami.textContent()) ?? "").includes(email)) {
      await context.clearCookies();
      await signIn(page, email);
    }
  } else if (oneTimePassword) {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(oneTimePassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account\/password$/);
    await page.getByLabel("Current (one-time) password").fill(oneTimePassword);
    await page.getByLabel("New password", { exact: true }).fill("an e2e customer password");
    await page.getByLabel("New password again").fill("an e2e customer password");
    await page.getByRole("button", { name: "Save password" }).click();
    await expect(page.getByTestId("whoami")).toContainText(email);
  } else {
    await signIn(page, email);
  }
  sessions.set(email, await context.storageState());
  return { context, page };
}

/** For a hook (beforeAll) that needs a user's page once: signed in as `openSignedIn`, closed afterwards. */
export async function asUser<T>(
  browser: Browser,
  baseURL: string | undefined,
  email: string,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const { context, page } = await openSignedIn(browser, baseURL, email);
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}

type PortalFixtures = {
  /** A new signed-in browser context (`openSignedIn`) for a user; closed after the test. */
  signedIn: (email: string) => Promise<Page>;
};

export const test = base.extend<PortalFixtures>({
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  extraHTTPHeaders: async ({}, use) => use({ "x-forwarded-for": uniqueIp() }),
  signedIn: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who: string) => {
      const { context, page } = await openSignedIn(browser, baseURL, who);
      contexts.push(context);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});
export { expect };

export type ConnectionIds = { PPR: string; PRD: string };

/**
 * As an administrator on /admin/organizations: add an identifier (which creates its PPR and PRD
 * connections) and, for TSH, the expected client certificate CN of each environment. Returns the ids.
 */
export async function createIdentifier(
  admin: Page,
  options: {
    organization: string;
    program: "d1" | "d1-ecom" | "tsh";
    value: string;
    expectedCn?: (env: "PPR" | "PRD") => string;
  },
): Promise<ConnectionIds> {
  // The list is paged by name: filtered to the organization, whose newest identifiers its card shows.
  await admin.goto(`/admin/organizations?q=${encodeURIComponent(options.organization)}`);
  const org = admin.locator(`[data-testid="organization"][data-name="${options.organization}"]`);
  await org.getByLabel("Program").selectOption(options.program);
  await org.getByLabel("Identifier").fill(options.value);
  await org.getByRole("button", { name: "Add identifier" }).click();
  await expect(org.getByTestId("form-message").last()).toContainText(
    `identifier ${options.value} with its PPR and PRD connections`,
  );
  const block = org.locator(`[data-testid="identifier"][data-identifier="${options.value}"]`);
  const ids = {} as ConnectionIds;
  for (const env of ["PPR", "PRD"] as const) {
    const href = await block.locator(`a[data-testid="connection-link"][data-env="${env}"]`).getAttribute("href");
    ids[env] = href!.replace("/connections/", "");
    expect(ids[env]).toMatch(/^[A-Za-z0-9_-]+$/);
  }
  if (options.expectedCn) {
    for (const env of ["PPR", "PRD"] as const) {
      const form = block.locator("form").filter({ hasText: `${env} client certificate CN` });
      await form.getByRole("textbox").fill(options.expectedCn(env));
      await form.getByRole("button", { name: "Save" }).click();
      await expect(form.getByTestId("form-message")).toHaveText("Expected CN saved.");
    }
  }
  return ids;
}

/** The connection id of an identifier and environment, from the readiness board link of the signed-in user. */
export async function connectionIdOnBoard(page: Page, identifier: string, env: "PPR" | "PRD"): Promise<string> {
  await page.goto("/");
  const card = page.locator(
    `[data-testid="identifier-group"][data-identifier="${identifier}"] [data-testid="readiness-card"][data-env="${env}"]`,
  );
  const href = await card.getByRole("link").first().getAttribute("href");
  return href!.replace("/connections/", "");
}

/** One go-live checklist item of a connection's readiness card (connection page aside, or the board). */
export function readinessItem(page: Page, kind: string, scope?: Locator): Locator {
  return (scope ?? page).locator(`[data-testid="readiness-item"][data-kind="${kind}"]`);
}

/** The upload page of one asset kind: paste text (or choose a file) and press Check or Submit. */
export async function uploadOnPage(
  page: Page,
  connectionId: string,
  kind: string,
  content: { pasted: string } | { file: { name: string; mimeType: string; buffer: Buffer } },
  button: "Check" | "Submit to Thales" = "Submit to Thales",
): Promise<void> {
  await page.goto(`/connections/${connectionId}/upload/${kind}`);
  if ("pasted" in content) await page.getByLabel("…or paste PEM text").fill(content.pasted);
  else await page.getByTestId("file-input").setInputFiles(content.file);
  await page.getByRole("button", { name: button }).click();
}

/** The version id a version page URL names (after an upload redirects to it). */
export function versionIdFromUrl(page: Page): string {
  const match = /\/versions\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not on a version page: ${page.url()}`);
  return match[1]!;
}

/**
 * A new customer user of an organization, invited by the admin page and signed in with a password of its
 * own (first sign-in replaces the one-time password). For specs that need a fresh account of a customer
 * whose demo account another spec may have locked (auth.spec.ts throttles ops@globex.test on purpose).
 */
export async function invitedCustomer(
  admin: Page,
  signedInAs: (email: string) => Promise<Page>,
  organization: string,
): Promise<Page> {
  await admin.goto("/admin/users");
  const email = `e2e-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}@${organization.split(" ")[0]!.toLowerCase()}.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill(`E2E ${organization}`);
  await admin.getByLabel("Role").selectOption("CUSTOMER");
  await admin.getByLabel("Organization").selectOption({ label: organization });
  await admin.getByRole("button", { name: "Invite user" }).click();
  const oneTimePassword = (await admin.getByTestId("one-time-password").textContent())!.trim();
  const page = await signedInAs(`${email}\n${oneTimePassword}`);
  return page;
}
