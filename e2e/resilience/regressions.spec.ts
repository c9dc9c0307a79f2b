import { request as playwrightRequest } from "@playwright/test";
import { test, expect, USERS } from "../support/fixtures";
import { apiToken } from "../api/support";

/**
 * Regressions for four bugs the resilience suites found (all fixed):
 * 1. A sign-in whose callbackUrl was not a valid URL answered 500: next-auth's default redirect callback threw.
 *    lib/server/auth/options.ts now has its own same-origin `redirect` callback that never throws.
 * 2. A path with malformed percent-encoding answered a plain-text 500 before any handler ran: proxy.ts now
 *    answers 400 JSON for undecodable URLs.
 * 3. PostgreSQL: a NUL in an id reached a query and PostgreSQL refused it (22021), answered 500: proxy.ts refuses
 *    NUL in URLs, and toAppError maps 22021 to INVALID_INPUT for bodies.
 * 4. PostgreSQL: a NUL in the sign-in e-mail leaked the Prisma error into next-auth's error URL: authorize()
 *    refuses control characters in e-mails before any query.
 */
for (const callbackUrl of ["l»ª", "\u001c3\t", "sSUBndGzpFTW0/Kd1Ii7xs8Ue9YR9A=="]) {
  test(`sign-in with callbackUrl ${JSON.stringify(callbackUrl)} is answered without a 5xx`, async ({ baseURL }) => {
    const client = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": "203.0.113.251" },
    });
    try {
      const csrfToken = (await (await client.get("/api/auth/csrf")).json()).csrfToken as string;
      const response = await client.post("/api/auth/callback/credentials", {
        form: { email: "nobody@fuzz.test", password: "wrong password", csrfToken, json: "true", callbackUrl },
        maxRedirects: 0,
      });
      expect(response.status(), await response.text()).toBeLessThan(500);
    } finally {
      await client.dispose();
    }
  });
}

for (const segment of ["%ff", "%c3%28", "%e2%82", "%"]) {
  test(`GET /api/v1/assets/${segment} is a 4xx JSON error, not a 500`, async ({ request }) => {
    const response = await request.get(`/api/v1/assets/${segment}`);
    expect(response.status(), await response.text()).toBeLessThan(500);
    expect(response.headers()["content-type"]).toContain("application/json");
  });
}

test("ids with a NUL character are a 4xx JSON error, not a 500 (PostgreSQL)", async ({ request }) => {
  const token = apiToken(USERS.acme, "found-bugs");
  for (const url of [
    "/api/v1/assets/%00",
    "/api/v1/connections/x%00y/assets",
    "/api/v1/assets/a%00/download?format=pem",
  ]) {
    const response = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(500);
  }
  const upload = await request.post("/api/v1/connections/x%00/assets", {
    headers: { authorization: `Bearer ${token}` },
    data: { kind: "ISSUER_HOST", host: "a.example", port: 443 },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(500);
});

test("sign-in with a NUL in the e-mail answers one of our error codes, never a database message (PostgreSQL)", async ({
  baseURL,
}) => {
  const client = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.252" },
  });
  try {
    const csrfToken = (await (await client.get("/api/auth/csrf")).json()).csrfToken as string;
    const response = await client.post("/api/auth/callback/credentials", {
      form: { email: "a\u0000b@fuzz.test", password: "wrong password", csrfToken, json: "true", callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    const url = String((await response.json()).url);
    expect(decodeURIComponent(/[?&]error=([^&]*)/.exec(url)?.[1] ?? "")).toMatch(
      /^(CredentialsSignin|THROTTLED|MFA_REQUIRED|MFA_INVALID)$/,
    );
  } finally {
    await client.dispose();
  }
});
