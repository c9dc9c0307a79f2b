import { decode, encode } from "next-auth/jwt";
import { test, expect, signIn, USERS } from "../support/fixtures";
import { E2E_AUTH_SECRET } from "../support/global-setup";

/**
 * Session lifetime: 30 minutes without a request, or 8 hours in all, end a session. The clock cannot be
 * moved on the server, so the test rewrites its own session token (signed with the e2e secret) as it would
 * look after that much time, and checks what the portal does with it.
 */
const COOKIE = "next-auth.session-token";
const now = () => Math.floor(Date.now() / 1000);

test("an idle or too old session ends; an active one has its activity mark moved forward", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, USERS.acme);
  const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE)!;
  const token = (await decode({ token: cookie.value, secret: E2E_AUTH_SECRET }))!;
  expect(token.uid).toBeTruthy();
  expect(Number(token.lastActivity)).toBeGreaterThan(now() - 120);

  async function visitWith(changes: Record<string, number>) {
    const context = await browser.newContext({ baseURL });
    const value = await encode({ token: { ...token, ...changes }, secret: E2E_AUTH_SECRET });
    await context.addCookies([{ ...cookie, value }]);
    const response = await context.request.get("/", { headers: { accept: "text/html" }, maxRedirects: 0 });
    const setCookie = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value)
      .join("\n");
    const download = await context.request.get("/audit/export.csv", { maxRedirects: 0 });
    await context.close();
    return {
      status: response.status(),
      location: response.headers()["location"] ?? "",
      setCookie,
      apiStatus: download.status(),
    };
  }

  const idle = await visitWith({ lastActivity: now() - 31 * 60 });
  expect(idle.status).toBe(307);
  expect(idle.location).toContain("/login?ended=idle");
  expect(idle.setCookie).toMatch(new RegExp(`${COOKIE}=;`));

  const old = await visitWith({ signedInAt: now() - 8 * 3600 - 60, lastActivity: now() - 30 });
  expect(old.location).toContain("/login?ended=expired");

  const active = await visitWith({ lastActivity: now() - 5 * 60 });
  expect(active.status).toBe(200);
  const refreshed = /next-auth\.session-token=([^;]+)/.exec(active.setCookie)?.[1];
  expect(refreshed).toBeTruthy();
  const moved = (await decode({ token: refreshed!, secret: E2E_AUTH_SECRET }))!;
  expect(Number(moved.lastActivity)).toBeGreaterThan(now() - 60);
  expect(moved.signedInAt).toBe(token.signedInAt);

  // The services refuse an idle session too, not only the proxy's redirect (a customer may not export the
  // audit log anyway: 403 while signed in, 401 once the session has ended).
  expect(active.apiStatus).toBe(403);
  expect(idle.apiStatus).toBe(401);

  await page.goto("/login?ended=idle");
  await expect(page).toHaveURL(/\/$/); // still signed in with the real, active session: nothing changed for it
});

test("the sign-in page says why a session ended", async ({ page }) => {
  await page.goto("/login?ended=idle");
  await expect(page.getByTestId("session-ended")).toHaveText(
    "Your session ended after 30 minutes without activity. Sign in again.",
  );
});
