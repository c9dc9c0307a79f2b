import http from "node:http";
import { randomBytes } from "node:crypto";
import { request as playwrightRequest, type Page } from "@playwright/test";
import {
  test,
  expect,
  USERS,
  approveStaffGrant,
  uniqueIp,
  invitedCustomer,
  signIn,
  signOut,
  whoamiEmail,
} from "../support/fixtures";
import { enrolAuthenticator } from "../support/mfa";
import { query } from "../support/db";

/**
 * Sessions live on the server (sign-out and revocation take effect on the next request, whoever holds a
 * copy of the cookie), sign-in throttling holds under concurrency, the audit records the real client
 * address, and the audit CSV cannot smuggle a formula into a spreadsheet. Raw HTTP where it matters.
 */
const html = { accept: "text/html" };

async function acmeConnection(): Promise<string> {
  const [row] = await query<{ id: string }>(
    `SELECT c.id FROM "Connection" c JOIN "Organization" o ON o.id = c."organizationId" WHERE o.name = 'Acme Bank' ORDER BY c.id LIMIT 1`,
  );
  return row!.id;
}

test("sign-out ends the session on the server: a copy of the cookie opens nothing afterwards", async ({
  browser,
  baseURL,
  signedIn,
}) => {
  const admin = await signedIn(USERS.admin);
  const page = await invitedCustomer(admin, signedIn, "Acme Bank");
  const connectionId = await acmeConnection();
  const copy = await browser.newContext({ baseURL });
  await copy.addCookies(await page.context().cookies());
  expect((await copy.request.get("/", { maxRedirects: 0, headers: html })).status()).toBe(200);
  expect(
    (await copy.request.get(`/connections/${connectionId}/trust-store.pem`, { maxRedirects: 0 })).status(),
  ).not.toBe(401);

  await signOut(page);
  await expect(page).toHaveURL(/\/login/);
  const board = await copy.request.get("/", { maxRedirects: 0, headers: html });
  expect(board.status()).toBe(307);
  expect(board.headers()["location"]).toContain("/login?ended=revoked");
  expect((await copy.request.get(`/connections/${connectionId}/trust-store.pem`, { maxRedirects: 0 })).status()).toBe(
    401,
  );
  const cookie = (await copy.cookies()).find((c) => c.name === "next-auth.session-token")!;
  const email = await emailOfSessionCookie(cookie.value);
  const refusals = await query(
    `SELECT id FROM "AuditEvent" WHERE action = 'auth.refused' AND "actorEmail" = $1 AND details LIKE '%session-ended%'`,
    [email],
  );
  expect(refusals.length).toBeGreaterThanOrEqual(2);
  await copy.close();
});

/** The e-mail of the user a session cookie belongs to, from the session row it names. */
async function emailOfSessionCookie(value: string): Promise<string> {
  const { decode } = await import("next-auth/jwt");
  const { E2E_AUTH_SECRET } = await import("../support/global-setup");
  const token = await decode({ token: value, secret: E2E_AUTH_SECRET });
  const [row] = await query<{ email: string }>(
    `SELECT u.email FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`,
    [String(token!.sid)],
  );
  return row!.email;
}

test("a password change ends the user's other sessions; 'sign out everywhere' ends all of them", async ({
  browser,
  baseURL,
  signedIn,
}) => {
  const admin = await signedIn(USERS.admin);
  const here = await invitedCustomer(admin, signedIn, "Globex Pay");
  const email = await whoamiEmail(here);
  const elsewhereContext = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const elsewhere = await elsewhereContext.newPage();
  await signIn(elsewhere, email, "an e2e customer password");

  await here.goto("/account/password");
  await here.getByLabel("Current (one-time) password").fill("an e2e customer password");
  await here.getByLabel("New password", { exact: true }).fill("a changed e2e password");
  await here.getByLabel("New password again").fill("a changed e2e password");
  await here.getByRole("button", { name: "Save password" }).click();
  await expect(here.getByTestId("whoami")).toContainText(email);
  await elsewhere.goto("/");
  await expect(elsewhere).toHaveURL(/\/login\?ended=revoked$/);
  await expect(elsewhere.getByTestId("session-ended")).toContainText("This session was ended");

  await signIn(elsewhere, email, "a changed e2e password");
  await here.goto("/account/sessions");
  await expect(here.getByTestId("session-row")).toHaveCount(2);
  await here.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here).toHaveURL(/\/login\?ended=everywhere$/);
  await elsewhere.goto("/");
  await expect(elsewhere).toHaveURL(/\/login\?ended=revoked$/);
  const [ended] = await query<{ details: string }>(
    `SELECT details FROM "AuditEvent" WHERE action = 'auth.sessions.ended' AND "actorEmail" = $1 AND details LIKE '%sign-out-everywhere%'`,
    [email],
  );
  expect(JSON.parse(ended!.details)).toMatchObject({ reason: "sign-out-everywhere", sessions: 2 });
  await elsewhereContext.close();
});

/** POSTs sign-ins at once through next-auth's credentials endpoint, each from its own forwarded address. */
async function concurrentSignIns(
  baseURL: string,
  attempts: { email: string; password: string; otp?: string }[],
): Promise<string[]> {
  const client = await playwrightRequest.newContext({ baseURL });
  try {
    const csrfToken = (await (await client.get("/api/auth/csrf")).json()).csrfToken as string;
    const responses = await Promise.all(
      attempts.map((a) =>
        client.post("/api/auth/callback/credentials", {
          headers: { "x-forwarded-for": uniqueIp() },
          form: { email: a.email, password: a.password, otp: a.otp ?? "", csrfToken, json: "true", callbackUrl: "/" },
          maxRedirects: 0,
        }),
      ),
    );
    return Promise.all(
      responses.map(async (r) =>
        decodeURIComponent(/[?&]error=([^&]*)/.exec(String((await r.json()).url))?.[1] ?? "ok"),
      ),
    );
  } finally {
    await client.dispose();
  }
}

test("40 concurrent wrong passwords are throttled like 40 in a row: 10 checked, 30 refused unchecked", async ({
  baseURL,
  signedIn,
}) => {
  const admin = await signedIn(USERS.admin);
  await admin.goto("/admin/users");
  const email = `burst-${Date.now().toString(36)}@globex.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("Burst");
  await admin.getByLabel("Role").selectOption("CUSTOMER");
  await admin.getByLabel("Organization").selectOption({ label: "Globex Pay" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  const oneTimePassword = (await admin.getByTestId("one-time-password").textContent())!.trim();

  const outcomes = await concurrentSignIns(
    baseURL!,
    Array.from({ length: 40 }, (_, i) => ({ email, password: `wrong ${i}` })),
  );
  expect(outcomes.filter((o) => o === "CredentialsSignin")).toHaveLength(10);
  expect(outcomes.filter((o) => o === "THROTTLED")).toHaveLength(30);
  const failures = await query(`SELECT id FROM "AuditEvent" WHERE action = 'auth.login.failure' AND details LIKE $1`, [
    `%${email}%`,
  ]);
  const throttled = await query(
    `SELECT id FROM "AuditEvent" WHERE action = 'auth.login.throttled' AND details LIKE $1`,
    [`%${email}%`],
  );
  expect([failures.length, throttled.length]).toEqual([10, 30]);
  expect(await concurrentSignIns(baseURL!, [{ email, password: oneTimePassword }])).toEqual(["THROTTLED"]);
});

test("30 concurrent wrong codes after the right password: 5 checked, the rest throttled", async ({
  browser,
  baseURL,
  signedIn,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(USERS.admin);
  await admin.goto("/admin/users");
  const email = `codes-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}@staff.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("Code Burst");
  await admin.getByLabel("Role").selectOption("THALES_DELIVERY");
  await admin.getByLabel("Organization").selectOption({ label: "Thales (Thales)" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  const oneTimePassword = (await admin.getByTestId("one-time-password").textContent())!.trim();
  await approveStaffGrant(browser, baseURL!, email);
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page: Page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(oneTimePassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Current (one-time) password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill("a code burst password");
  await page.getByLabel("New password again").fill("a code burst password");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/account\/mfa$/);
  await enrolAuthenticator(page, email);
  await context.close();

  const outcomes = await concurrentSignIns(
    baseURL!,
    Array.from({ length: 30 }, (_, i) => ({ email, password: "a code burst password", otp: String(100000 + i * 7) })),
  );
  expect(outcomes.filter((o) => o === "MFA_INVALID")).toHaveLength(5);
  expect(outcomes.filter((o) => o === "THROTTLED")).toHaveLength(25);
  const wrongCodes = await query(
    `SELECT id FROM "AuditEvent" WHERE action = 'auth.login.failure' AND details LIKE $1 AND details LIKE '%wrong-second-factor%'`,
    [`%${email}%`],
  );
  expect(wrongCodes).toHaveLength(5);
});

/** A sign-in attempt over a raw socket from a chosen loopback address, with a forged X-Forwarded-For. */
async function signInFrom(
  baseURL: string,
  localAddress: string,
  email: string,
  forwardedFor: string,
  userAgent = "e2e",
): Promise<void> {
  const url = new URL(baseURL);
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          localAddress,
          headers: { "x-forwarded-for": forwardedFor, "user-agent": userAgent, ...headers },
        },
        (res) => {
          let data = "";
          res.on("data", (chunk) => (data += chunk));
          res.on("end", () => resolve({ headers: res.headers, body: data }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const csrf = await send("GET", "/api/auth/csrf", {});
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const form = new URLSearchParams({
    email,
    password: "not the password",
    csrfToken: JSON.parse(csrf.body).csrfToken,
    json: "true",
    callbackUrl: "/",
  }).toString();
  await send(
    "POST",
    "/api/auth/callback/credentials",
    { cookie, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(form)) },
    form,
  );
}

test("the audit and the throttle see the socket address; X-Forwarded-For counts only from a trusted proxy", async ({
  baseURL,
}) => {
  const stranger = `xff-${randomBytes(4).toString("hex")}@fuzz.test`;
  // An address no other spec sends (203.0.113.x is shared by several), so the bucket check below is about this call.
  const spoofed = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  await signInFrom(baseURL!, "127.0.0.2", stranger, spoofed);
  const proxied = `xff-${randomBytes(4).toString("hex")}@fuzz.test`;
  await signInFrom(baseURL!, "127.0.0.1", proxied, "198.51.100.1, 203.0.113.67");
  const ipOf = async (email: string) =>
    (
      await query<{ ip: string }>(
        `SELECT ip FROM "AuditEvent" WHERE action = 'auth.login.failure' AND details LIKE $1`,
        [`%${email}%`],
      )
    )[0]?.ip;
  // 127.0.0.2 is not a trusted proxy: its header is ignored. 127.0.0.1 is: the hop it saw is the client.
  expect(await ipOf(stranger)).toBe("127.0.0.2");
  expect(await ipOf(proxied)).toBe("203.0.113.67");
  expect(await query(`SELECT id FROM "LoginAttempt" WHERE bucket = $1`, [`ip:${spoofed}`])).toEqual([]);
});

test("the audit CSV quotes every cell and lets no formula start a cell or a ;-separated piece", async ({
  baseURL,
  signedIn,
}) => {
  const marker = randomBytes(4).toString("hex");
  await signInFrom(
    baseURL!,
    "127.0.0.1",
    `csv-${marker}@fuzz.test`,
    "203.0.113.9",
    `=cmd|' /c calc'!A0;+SUM(1);@x-${marker}`,
  );
  const admin = await signedIn(USERS.admin);
  const response = await admin.request.get("/audit/export.csv?action=auth.login.failure");
  expect(response.status()).toBe(200);
  const csv = await response.text();
  const rows = parseCsv(csv);
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows) {
    for (const cell of row.cells) {
      expect(cell.quoted, `unquoted cell ${JSON.stringify(cell.value)}`).toBe(true);
      for (const piece of cell.value.split(";"))
        expect(piece, `formula in ${JSON.stringify(cell.value)}`).not.toMatch(/^[ ]*[=+\-@\t\r]/);
    }
  }
  const ours = rows.find((r) => r.cells.some((c) => c.value.includes(`@x-${marker}`)))!;
  expect(ours.cells.map((c) => c.value)).toContain(`'=cmd|' /c calc'!A0;'+SUM(1);'@x-${marker}`);
});

/** RFC 4180, remembering whether each cell was quoted. */
function parseCsv(text: string): { cells: { value: string; quoted: boolean }[] }[] {
  const rows: { cells: { value: string; quoted: boolean }[] }[] = [];
  let i = 0;
  while (i < text.length) {
    const cells: { value: string; quoted: boolean }[] = [];
    for (;;) {
      let value = "";
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (text[i] === '"' && text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else value += text[i++];
        }
      } else while (i < text.length && text[i] !== "," && text[i] !== "\r") value += text[i++];
      cells.push({ value, quoted });
      if (text[i] === ",") i++;
      else break;
    }
    if (text.startsWith("\r\n", i)) i += 2;
    rows.push({ cells });
  }
  return rows;
}
