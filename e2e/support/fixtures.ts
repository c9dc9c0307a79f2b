import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "portal-demo-2026";
export const USERS = {
  admin: "admin@portal.test",
  delivery1: "delivery1@thales.test",
  delivery2: "delivery2@thales.test",
  acme: "ops@acme.test",
  globex: "ops@globex.test",
} as const;

let ipCounter = 0;
/** Each test gets its own client address (X-Forwarded-For), so one test's failed logins never throttle another. */
export function uniqueIp(): string {
  ipCounter++;
  return `198.18.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);
}

export const test = base.extend({
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  extraHTTPHeaders: async ({}, use) => use({ "x-forwarded-for": uniqueIp() }),
});
export { expect };
