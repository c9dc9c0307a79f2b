import { X509Certificate } from "node:crypto";
import { test, expect, USERS, createIdentifier } from "./support/fixtures";
import { retireJob, runJob } from "./support/jobs";
import { Workdir, uniqueIdentifier } from "./support/pki";
import { api, apiToken } from "./api/support";
import { confirmAction } from "./support/confirm";

const DAY = 86_400_000;

// Run alone on a loaded machine, the fresh server's first sign-in can outlast the fixture's 10 s: load the pages once.
test.beforeAll(async ({ request }) => {
  for (const page of ["/login", "/"]) await request.get(`${process.env.E2E_BASE_URL}${page}`, { timeout: 60_000 });
});

/**
 * Issue 12 item 4: Thales rotates its client CA on a PreProd connection with a campaign (through the API, as its
 * automation would); the customer's trust-store export holds old and new until the cut-over; the campaign page
 * shows the reminder sent and then the customer's acknowledgement; after the retire job past the cut-over only the
 * new CA remains. The services are tested on both databases in integration (tests/integration/campaigns.test.ts).
 */
test("a Thales client CA campaign on PreProd: old and new CA until the cut-over, reminder, acknowledgement, then the new CA alone", async ({
  signedIn,
  request,
}) => {
  test.setTimeout(240_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2ECAMP");
  const admin = await signedIn(USERS.admin);
  const { PPR: ppr } = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const thales = api(request, apiToken(USERS.delivery1, "campaign"));
  const g1 = pki.serverChain("CampaignCaG1", "unused.example").root;
  const g2 = pki.serverChain("CampaignCaG2", "unused.example").root;
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

  // The Thales client CA in force today.
  const first = await thales.post("/api/v1/publication-requests", {
    kind: "THALES_CLIENT_CA",
    connectionIds: [ppr],
    content: g1,
  });
  expect(first.status()).toBe(201);

  // The campaign: the new CA on this connection, cut-over in 10 days.
  const cutOver = new Date(Math.floor((Date.now() + 10 * DAY) / 60_000) * 60_000);
  const started = await thales.post("/api/v1/campaigns", {
    kind: "THALES_CLIENT_CA",
    program: "d1",
    environment: "PPR",
    connectionIds: [ppr],
    content: g2,
    cutOverAt: cutOver.toISOString(),
  });
  expect(started.status()).toBe(201);
  const { campaign } = await started.json();
  expect(campaign).toMatchObject({
    state: "PUBLISHED",
    cutOverAt: cutOver.toISOString(),
    connections: [{ connectionId: ppr, acknowledgedAt: null, reminders: 0 }],
  });
  expect(((await (await thales.get("/api/v1/campaigns")).json()) as { id: string }[]).map((c) => c.id)).toContain(
    campaign.id,
  );

  const customer = await signedIn(USERS.acme);
  const exported = async () => {
    await customer.goto(`/connections/${ppr}`);
    const href = (await customer.getByTestId("trust-store-link").getAttribute("href"))!;
    const body = await (await customer.request.get(href)).text();
    return (body.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(fingerprint);
  };
  const during = await exported();
  expect(during).toContain(fingerprint(g1));
  expect(during).toContain(fingerprint(g2));

  // Two days before the cut-over the reminder job reminds the customer, who has not acknowledged yet.
  expect(await runJob("campaign-reminders", new Date(cutOver.getTime() - 2 * DAY))).toMatch(/"emitted":[1-9]/);
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto("/publish/campaigns");
  await delivery.locator(`[data-testid="campaign"][data-id="${campaign.id}"]`).getByRole("link").click();
  const row = delivery.locator(`[data-testid="campaign-connection"][data-connection="${ppr}"]`);
  await expect(row).toContainText(id);
  await expect(row).toContainText("Acme Bank");
  await expect(row).toHaveAttribute("data-acknowledged", "false");
  await expect(row.getByTestId("campaign-reminders")).toHaveText("1");
  await expect(row.getByTestId("campaign-endpoint-check")).toHaveText("Never checked");

  // The customer acknowledges the new CA on their connection page; the campaign page shows it. v1 came with the
  // identifier (the CA in force for d1 PreProd), v2 is G1, the campaign's G2 is v3.
  await customer.goto(`/connections/${ppr}`);
  const slot = customer.locator('[data-testid="asset-slot"][data-kind="THALES_CLIENT_CA"]');
  await slot.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(slot.locator('[data-testid="version-row"][data-version="3"] [data-testid="state"]')).toHaveAttribute(
    "data-state",
    "ACKNOWLEDGED",
  );
  await delivery.reload();
  await expect(row).toHaveAttribute("data-acknowledged", "true");
  await expect(row.getByTestId("campaign-acknowledged")).toContainText("Yes");
  await expect(delivery.getByTestId("campaign-summary")).toContainText("acknowledged by 1 of 1");

  // After the cut-over, the retire job leaves only the new CA in the export.
  expect(await retireJob(new Date(cutOver.getTime() + 60_000))).toMatch(/"retired":[1-9]/);
  const after = await exported();
  expect(after).toContain(fingerprint(g2));
  expect(after).not.toContain(fingerprint(g1));

  // A customer is told campaigns do not exist.
  expect((await customer.request.get(`/publish/campaigns/${campaign.id}`)).status()).toBe(404);
  expect((await api(request, apiToken(USERS.acme, "campaign")).get(`/api/v1/campaigns/${campaign.id}`)).status()).toBe(
    404,
  );
});

/**
 * Issue 12 item 4 in the browser: a Thales publisher starts a PreProd campaign from the "New campaign" form (preview,
 * confirm, in force at once) and a Production one (a publication request waiting for a second person), and finds
 * each on its campaign page. The rule and the services are the API's (above, and tests/integration).
 */
test("a Thales publisher starts campaigns in the browser: PreProd at once, Production waiting for a second person", async ({
  signedIn,
}) => {
  test.setTimeout(120_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2ECUI");
  const admin = await signedIn(USERS.admin);
  const connections = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const ca = pki.serverChain("CampaignFormCa", "unused.example").root;
  const delivery = await signedIn(USERS.delivery1);
  const cutOver = new Date(Math.floor((Date.now() + 20 * DAY) / 60_000) * 60_000).toISOString().slice(0, 16);

  const start = async (environment: "PPR" | "PRD", cutOverAt?: string) => {
    await delivery.goto("/publish/campaigns");
    await delivery.getByRole("link", { name: "New campaign" }).click();
    const form = delivery.getByTestId("campaign-form");
    await form.getByLabel("What to rotate").selectOption("THALES_CLIENT_CA");
    await form.getByLabel("Program").selectOption("d1");
    await form.getByLabel("Environment").selectOption(environment);
    const everyOne = (await form.getByText(/^All \d+ d1/).textContent())!;
    // The connections to tick are those the filter narrows to (here Acme Bank's d1 ones in this environment); "all
    // of them" still counts every organization's, and the form starts on the program and environment narrowed to.
    const filter = delivery.getByTestId("targets-filter");
    await filter.getByLabel("Organization").selectOption({ label: "Acme Bank" });
    await filter.getByLabel("Program of the connections offered").selectOption("d1");
    await filter.getByLabel("PreProd or Production").selectOption(environment);
    await filter.getByRole("button", { name: "Narrow" }).click();
    await expect(delivery).toHaveURL(new RegExp(`organizationId=.+&program=d1&environment=${environment}`));
    await expect(form.getByLabel("Environment")).toHaveValue(environment);
    await expect(form.getByText(/^All \d+ d1/)).toHaveText(everyOne);
    await form.getByLabel("Only the connections I tick").check();
    const offered = form.locator('label:has(input[name="connectionIds"])');
    await expect(offered.first()).toBeVisible();
    for (const label of await offered.allTextContents()) expect(label).toMatch(/^\s*Acme Bank · /);
    await form.locator(`input[name="connectionIds"][value="${connections[environment]}"]`).check();
    await form.getByLabel("…or paste PEM").fill(ca);
    if (cutOverAt) await form.getByLabel("Cut-over (UTC)").fill(cutOverAt);
    await form.getByRole("button", { name: "Preview the campaign" }).click();
    const confirmation = delivery.getByTestId("campaign-confirmation");
    await expect(
      confirmation.locator(`[data-testid="publication-target"][data-connection="${connections[environment]}"]`),
    ).toContainText(id);
    return confirmation;
  };

  // PreProd, with a chosen cut-over: the preview says until when both CAs are in force, then it is published.
  const ppr = await start("PPR", cutOver);
  await expect(ppr.getByTestId("confirm-cut-over")).toContainText(`${cutOver.replace("T", " ")} UTC`);
  await confirmAction(ppr, /^Start the campaign on 1 connection/, "Start the campaign");
  await expect(ppr.getByTestId("form-message")).toContainText("Campaign started: published to 1 connection(s).");
  await ppr.getByRole("link", { name: "Open the campaign" }).click();
  await expect(delivery.getByTestId("campaign-summary")).toHaveAttribute("data-state", "PUBLISHED");
  await expect(delivery.getByTestId("campaign-cut-over")).toContainText(`${cutOver.replace("T", " ")} UTC`);
  await expect(
    delivery.locator(`[data-testid="campaign-connection"][data-connection="${connections.PPR}"]`),
  ).toHaveAttribute("data-acknowledged", "false");

  // Production: the default cut-over, and only a request until a second person approves it.
  const prd = await start("PRD");
  await prd.getByRole("button", { name: "Request approval for 1 connection(s)" }).click();
  await expect(prd.getByTestId("form-message")).toContainText("until a second Thales person approves it");
  await expect(prd.getByRole("link", { name: "Open the request" })).toHaveAttribute("href", /^\/publish\/requests\//);
  await prd.getByRole("link", { name: "Open the campaign" }).click();
  await expect(delivery.getByTestId("campaign-summary")).toHaveAttribute("data-state", "PENDING");
  await expect(delivery.getByTestId("campaign-summary")).toContainText("Waiting for a second person");
});
