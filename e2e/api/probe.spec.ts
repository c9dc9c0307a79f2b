import Database from "better-sqlite3";
import pg from "pg";
import { test, expect, asUser, createIdentifier, USERS } from "../support/fixtures";
import { uniqueIdentifier } from "../support/pki";
import { makeProbePki, nodeServer, type ProbePki } from "../../lib/probe/test-servers";
import { api, apiToken } from "./support";

/**
 * The endpoint check through its real interfaces: the REST API against a real TLS server on loopback (the e2e
 * server runs in lab mode, PORTAL_PROBE_ALLOW=127.0.0.0/8, so the port override is allowed), and the button on
 * the connection page. The service, and the board's read of the newest check and the cross-checks (SQL of its own),
 * are tested on both databases in integration (endpoint-probe, board-checks).
 */
test.describe.configure({ mode: "serial" });

let pki: ProbePki;
let server: Awaited<ReturnType<typeof nodeServer>>;
const identifier = uniqueIdentifier("PROBE");
let connections: { PPR: string; PRD: string };
const boardIdentifier = uniqueIdentifier("BOARD");
let board: { PPR: string; PRD: string };
let acme: string;

/**
 * Points an uploaded ISSUER_HOST at "localhost": no dotted name resolves to loopback on these machines and the
 * upload rules (rightly) refuse "localhost", so this one field is written directly, as an operator could.
 */
async function pointHostAtLocalhost(versionId: string): Promise<void> {
  const url = process.env.E2E_DATABASE_URL_IN_USE!;
  const sql = `UPDATE "AssetVersion" SET host = 'localhost' WHERE id = $1`;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    db.prepare(sql.replace("$1", "?")).run(versionId);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql, [versionId]);
  await client.end();
}

test.beforeAll(async ({ browser, baseURL }) => {
  pki = makeProbePki();
  // Serves the whole chain (so it is complete) but never asks for a client certificate.
  server = await nodeServer({
    key: pki.text("leaf.key"),
    cert: pki.text("leaf.pem") + pki.text("int.pem") + pki.text("root.pem"),
  });
  await asUser(browser, baseURL, USERS.admin, async (admin) => {
    connections = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: identifier });
    board = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: boardIdentifier });
  });
  acme = apiToken(USERS.acme);
});

test.afterAll(async () => {
  await server?.close();
  pki?.dispose();
});

test("POST /probe checks the endpoint on the wire, stores it, and throttles; GET /probes is the history", async ({
  request,
}) => {
  const client = api(request, acme);
  expect((await client.post(`/api/v1/connections/${connections.PPR}/probe`)).status()).toBe(409);
  for (const env of ["PPR", "PRD"] as const) {
    const host = await client.post(`/api/v1/connections/${connections[env]}/assets`, {
      kind: "ISSUER_HOST",
      host: `probe-e2e-${env}.acme-bank.example`,
      port: 443,
    });
    expect(host.status()).toBe(201);
    await pointHostAtLocalhost((await host.json()).version.id);
  }
  const response = await client.post(`/api/v1/connections/${connections.PPR}/probe`, { port: server.port });
  expect(response.status()).toBe(200);
  const result = await response.json();
  expect(result).toMatchObject({
    verdict: "failed",
    host: "localhost",
    port: server.port,
    handshake: {
      address: "127.0.0.1",
      tlsVersions: ["TLSv1.2", "TLSv1.3"],
      clientCertificateRequested: false,
      clientCertificateRequired: false,
    },
  });
  expect(result.handshake.servedChain.map((c: { subject: string }) => c.subject)).toEqual([
    "CN=localhost,O=Probe Test",
    "CN=Customer Issuing CA,O=Probe Test",
    "CN=Customer Root CA,O=Probe Test",
  ]);
  expect(result.findings.map((f: { code: string }) => f.code)).toEqual(["PROBE_CLIENT_AUTH_NOT_REQUESTED"]);

  const again = await api(request, apiToken(USERS.delivery1)).post(`/api/v1/connections/${connections.PPR}/probe`, {
    port: server.port,
  });
  expect(again.status()).toBe(429);
  expect((await client.post(`/api/v1/connections/${connections.PPR}/probe`, { port: "x" })).status()).toBe(422);
  expect(
    (await api(request, apiToken(USERS.globex)).post(`/api/v1/connections/${connections.PPR}/probe`)).status(),
  ).toBe(404);
  const history = await (await client.get(`/api/v1/connections/${connections.PPR}/probes`)).json();
  expect(history.map((h: { id: string }) => h.id)).toEqual([result.id]);
});

test("the connection page shows the latest check, and its button checks again", async ({ signedIn, request }) => {
  const page = await signedIn(USERS.acme);
  await page.goto(`/connections/${connections.PPR}`);
  const panel = page.getByTestId("endpoint-check");
  await expect(panel.getByTestId("probe-latest")).toHaveAttribute("data-verdict", "failed");
  await expect(panel.locator('[data-code="PROBE_CLIENT_AUTH_NOT_REQUESTED"]')).toBeVisible();
  await expect(panel.getByTestId("probe-handshake")).toContainText("TLSv1.2, TLSv1.3");
  // Within the minute the same connection is refused, with the reason. The previous test's check may be over a
  // minute old on a loaded machine: claim the minute right before pressing (200, or 429 when still within it).
  const claim = await api(request, acme).post(`/api/v1/connections/${connections.PPR}/probe`, { port: server.port });
  expect([200, 429]).toContain(claim.status());
  await panel.getByTestId("probe-button").click();
  await expect(panel.getByRole("alert")).toContainText("every 60 seconds");

  // On PRD the host is localhost:443, where nothing listens: the button reports it unreachable.
  await page.goto(`/connections/${connections.PRD}`);
  await page.getByTestId("endpoint-check").getByTestId("probe-button").click();
  await expect(page.getByTestId("endpoint-check").getByRole("status")).toContainText("Endpoint checked: failed");
  await expect(page.getByTestId("endpoint-check").locator('[data-code="PROBE_UNREACHABLE"]')).toBeVisible();
  // The trust store panel offers every format with its install recipes.
  const store = page.getByTestId("trust-store-downloads");
  for (const format of ["pem", "p7b", "p12", "jks"])
    await expect(store.getByTestId(`trust-store-${format}`)).toBeVisible();
  await store.getByText("How to install it").click();
  await expect(store.locator('[data-recipe="nginx-client-ca"]')).toContainText("ssl_verify_client on;");
});

test("the board shows each connection's cross-check warnings and newest endpoint check, to the customer and to Thales; so does GET /connections", async ({
  request,
  signedIn,
}) => {
  const client = api(request, acme);
  // A chain whose leaf covers d1-issuer.acme.test only, and a host it does not cover (pointed at localhost, which
  // it does not cover either): CROSS_HOST_NOT_COVERED.
  const chain = await client.post(`/api/v1/connections/${board.PPR}/assets`, {
    kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
    content: pki.text("wronghost.pem") + pki.text("int.pem") + pki.text("root.pem"),
    acceptWarnings: true,
  });
  expect(chain.status()).toBe(201);
  const host = await client.post(`/api/v1/connections/${board.PPR}/assets`, {
    kind: "ISSUER_HOST",
    host: "probe-board.acme-bank.example",
    port: 443,
    acceptWarnings: true,
  });
  expect(host.status()).toBe(201);
  await pointHostAtLocalhost((await host.json()).version.id);
  const probe = await client.post(`/api/v1/connections/${board.PPR}/probe`, { port: server.port });
  expect(probe.status()).toBe(200);
  const checkedAt: string = (await probe.json()).checkedAt;

  const rows: { id: string; crossChecks: { code: string }[]; endpointCheck: unknown }[] = await (
    await client.get("/api/v1/connections")
  ).json();
  const ppr = rows.find((r) => r.id === board.PPR)!;
  expect(ppr.crossChecks.map((f) => f.code)).toEqual(["CROSS_HOST_NOT_COVERED"]);
  expect(ppr.endpointCheck).toEqual({ verdict: "failed", checkedAt, trigger: "manual" });
  expect(rows.find((r) => r.id === board.PRD)).toMatchObject({ crossChecks: [], endpointCheck: null });

  for (const [who, path] of [
    [USERS.acme, "/"],
    [USERS.delivery1, "/?program=d1"],
  ] as const) {
    const page = await signedIn(who);
    await page.goto(path);
    const group = page.locator(`[data-testid="identifier-group"][data-identifier="${boardIdentifier}"]`);
    const card = group.locator('[data-testid="readiness-card"][data-env="PPR"]');
    await expect(card.locator('[data-testid="board-cross-check"][data-code="CROSS_HOST_NOT_COVERED"]')).toContainText(
      "The endpoint host localhost is not covered",
    );
    const check = card.getByTestId("board-endpoint-check");
    await expect(check).toHaveAttribute("data-verdict", "failed");
    await expect(check).toContainText(checkedAt.replace("T", " ").slice(0, 16) + " UTC");
    await expect(group.locator('[data-env="PRD"]').getByTestId("board-endpoint-check")).toHaveAttribute(
      "data-verdict",
      "none",
    );
    await check.getByRole("link", { name: "Endpoint check" }).click();
    await expect(page).toHaveURL(new RegExp(`/connections/${board.PPR}#endpoint-check$`));
    await expect(page.getByTestId("probe-latest")).toHaveAttribute("data-verdict", "failed");
  }
});
