import { expect, test, USERS } from "../support/fixtures";
import { Workdir } from "../support/pki";
import { apiToken } from "../api/support";
import { jsonLines, startServer, type ExtraServer } from "../support/extra-server";

/**
 * A second production server on the e2e database, with its stdout captured: every request must leave one
 * JSON line (request id, route, status, duration, actor), and no password, token, key or certificate body
 * sent to it may appear anywhere in its output.
 */
const METRICS_TOKEN = "metrics-token-for-e2e-0123456789";
let server: ExtraServer;

test.beforeAll(async () => {
  server = await startServer({
    DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE,
    PORTAL_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: "info",
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test.describe("structured logs and metrics", () => {
  test("a request yields one JSON line with its id, route pattern, status, duration and actor", async () => {
    const token = apiToken(USERS.acme, "log-line");
    const connections = await fetch(`${server.baseURL}/api/v1/connections`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(connections.status).toBe(200);
    const [first] = (await connections.json()) as { id: string }[];
    const detail = await fetch(`${server.baseURL}/api/v1/connections/${first!.id}/assets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const requestId = detail.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    await expect.poll(() => jsonLines(server.logs()).filter((line) => line.requestId === requestId).length).toBe(1);
    const line = jsonLines(server.logs()).find((entry) => entry.requestId === requestId)!;
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      route: "/api/v1/connections/[id]/assets",
      status: detail.status,
    });
    expect(typeof line.durationMs).toBe("number");
    expect(line.actorId).toMatch(/^[0-9a-f-]{36}$/);

    // An id set by the proxy in front is kept, so both logs can be joined.
    const relayed = await fetch(`${server.baseURL}/api/health/live`, {
      headers: { "x-request-id": "nginx-3f2a9c1e77" },
    });
    expect(relayed.headers.get("x-request-id")).toBe("nginx-3f2a9c1e77");
    await expect
      .poll(() =>
        jsonLines(server.logs()).some((l) => l.requestId === "nginx-3f2a9c1e77" && l.route === "/api/health/live"),
      )
      .toBe(true);
  });

  test("passwords, tokens, keys and certificate bodies never reach the log", async () => {
    const password = "Correct-Horse-Battery-Staple-91";
    const token = apiToken(USERS.acme, "secret-probe");
    const pki = new Workdir();
    const keyPem = pki.key("probe.key");
    const certPem = pki.selfSigned("probe", "probe.example", 30);
    const certBody = certPem.split("\n")[3]!;
    const keyBody = keyPem.split("\n")[1]!;

    // A sign-in with a wrong password (through next-auth's form post, with its CSRF cookie).
    const csrf = await fetch(`${server.baseURL}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await fetch(`${server.baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email: USERS.acme, password, csrfToken, json: "true" }),
      redirect: "manual",
    });
    // A token in the header and in a query string; a key and a certificate in an API body.
    await fetch(`${server.baseURL}/api/v1/connections?access_token=${token}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await fetch(`${server.baseURL}/api/v1/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE",
        environment: "PPR",
        program: "tsh",
        identifier: "TSH-PROBE",
        content: certPem + keyPem,
      }),
    });
    // A malformed body, so an error path runs too.
    await fetch(`${server.baseURL}/api/v1/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: `{"content": "${certPem}`,
    });

    await expect
      .poll(() => jsonLines(server.logs()).filter((l) => l.route === "/api/v1/check").length)
      .toBeGreaterThanOrEqual(2);
    const output = server.logs();
    expect(
      jsonLines(output).some((l) => l.route === "/api/auth/[...nextauth]" && l.method === "POST" && l.status === 401),
    ).toBe(true);
    for (const secret of [
      password,
      token,
      token.slice(5, 30),
      certBody,
      keyBody,
      "PRIVATE KEY",
      "BEGIN CERTIFICATE",
      csrfToken,
    ]) {
      expect(output, `log output contains ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
  });

  test("/api/metrics needs the token and reports requests, latency, certificates and sign-ins", async () => {
    expect((await fetch(`${server.baseURL}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${server.baseURL}/api/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(
      401,
    );
    await fetch(`${server.baseURL}/api/health/live`);
    const scrape = await fetch(`${server.baseURL}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get("content-type")).toContain("text/plain");
    const text = await scrape.text();
    expect(text).toMatch(/portal_http_requests_total\{method="GET",route="\/api\/health\/live",status="200"\} \d+/);
    expect(text).toMatch(
      /portal_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/health\/live"\} \d+/,
    );
    expect(text).toMatch(
      /portal_certificates_in_force\{kind="[A-Z_]+",environment="(PPR|PRD)",expiry="[a-z0-9]+"\} \d+/,
    );
    expect(text).toMatch(/portal_auth_events\{action="auth\.login\.failure"\} [1-9]\d*/);
    expect(text).toContain("portal_upload_verdicts_total");
    // The outbox and the jobs, from the database (the e2e server runs no jobs: the queue is only counted).
    expect(text).toMatch(/portal_outbox_pending\{channel="EMAIL"\} \d+/);
    expect(text).toMatch(/portal_outbox_oldest_pending_age_seconds\{channel="WEBHOOK"\} [\d.e+]+/);
    expect(text).toMatch(/portal_outbox_failed\{channel="EMAIL"\} \d+/);
    expect(text).toContain("# TYPE portal_job_last_finished_timestamp_seconds gauge");
    expect(text).not.toContain(METRICS_TOKEN);
  });

  test("an error page shows the request id that its response header and log line carry", async ({ signedIn }) => {
    const page = await signedIn(USERS.acme);
    const response = await page.goto("/review");
    expect(response!.status()).toBe(403);
    const requestId = response!.headers()["x-request-id"];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId("error-reference")).toContainText(requestId!);
  });

  test("without PORTAL_METRICS_TOKEN the metrics endpoint does not exist", async ({ request }) => {
    expect((await request.get("/api/metrics")).status()).toBe(404);
  });
});
