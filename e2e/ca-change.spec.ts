import { X509Certificate } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, USERS, createIdentifier, uploadOnPage, versionIdFromUrl } from "./support/fixtures";
import { retireJob } from "./support/jobs";
import { confirmAction } from "./support/confirm";
import { Workdir, pemBlocks, uniqueIdentifier } from "./support/pki";
import { api, apiToken } from "./api/support";

const DAY = 86_400_000;

/** The fingerprints of the CA certificates in the Thales backend trust-store export of a connection. */
async function backendAnchors(delivery: Page, connectionId: string): Promise<string[]> {
  await delivery.goto(`/connections/${connectionId}`);
  const link = delivery.getByTestId("trust-store-link");
  await expect(link).toHaveText("Export customer trust store for the backend (PEM)");
  const response = await delivery.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  return pemBlocks(await response.text())
    .map((b) => new X509Certificate(b.pem).fingerprint256)
    .sort();
}

const fingerprints = (...pems: string[]) => pems.map((pem) => new X509Certificate(pem).fingerprint256).sort();

// Run alone on a loaded machine, the fresh server's first sign-in can outlast the fixture's 10 s: load the pages once.
test.beforeAll(async ({ request }) => {
  for (const page of ["/login", "/"]) await request.get(`${process.env.E2E_BASE_URL}${page}`, { timeout: 60_000 });
});

/**
 * Issue 12 item 3 in the browser: the customer announces a server CA change with the new chain and trust store,
 * Thales sees it in its list and reviews it; from approval the backend export holds the old and new CAs, and
 * after the change date plus the grace period (the retire job run as of then) only the new ones. The rules and the
 * job are tested on both databases in tests/integration/ca-change.test.ts.
 */
test("a customer's CA change notice: reviewed, listed for Thales, old and new CAs trusted until the grace period ends", async ({
  signedIn,
  request,
}) => {
  test.setTimeout(240_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2ECAC");
  const admin = await signedIn(USERS.admin);
  const { PPR: ppr } = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const customer = await signedIn(USERS.acme);
  const delivery = await signedIn(USERS.delivery1);
  const host = `api.${id.toLowerCase()}.acme-bank.example`;

  // The chain in force today, from a private CA (a warning to confirm), approved.
  const old = pki.serverChain("CacOld", host);
  await uploadOnPage(customer, ppr, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", { pasted: old.chain });
  await customer.getByTestId("confirm-warnings").check();
  await customer.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const oldVersion = versionIdFromUrl(customer);
  await delivery.goto(`/versions/${oldVersion}`);
  await confirmAction(delivery, "Approve", "Approve");
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "APPROVED");
  const oldAnchors = fingerprints(old.root, old.intermediate);
  expect(await backendAnchors(delivery, ppr)).toEqual(oldAnchors);

  // Too early through the API: a 422 that says which day is the first allowed, nothing stored.
  const next = pki.serverChain("CacNew", host);
  const token = apiToken(USERS.acme, "ca-change");
  const early = await api(request, token).post(`/api/v1/connections/${ppr}/ca-changes`, {
    changeAt: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
    uploads: [{ kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", content: next.chain }],
    acceptWarnings: true,
  });
  expect(early.status()).toBe(422);
  expect((await early.json()).message).toMatch(
    /^A CA change is announced at least 7 days ahead: choose \d{4}-\d\d-\d\d/,
  );

  // The customer announces the change from the connection page, 10 days ahead (notice: 7 days by default).
  await customer.goto(`/connections/${ppr}`);
  await customer.getByTestId("ca-change-link").click();
  await expect(customer.getByRole("heading", { name: /Announce a server CA change/ })).toBeVisible();
  const now = new Date();
  const changeDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 10 * DAY);
  const changeText = changeDay.toISOString().slice(0, 10);
  await customer.getByLabel("Change date (UTC)").fill(changeText);
  await customer.getByLabel("…or paste PEM text: Server certificate chain").fill(next.chain);
  await customer.getByLabel("…or paste PEM text: Server trust store (PEM)").fill(next.root);
  await customer.getByRole("button", { name: "Announce the CA change" }).click();
  // A private CA again: the warnings are shown and must be confirmed.
  await customer.getByTestId("confirm-warnings").check();
  await customer.getByRole("button", { name: "Announce the CA change" }).click();
  await expect(customer).toHaveURL(/\/ca-changes\?announced=/);
  await expect(customer.getByTestId("flash")).toContainText("CA change announced");
  const graceEnd = new Date(changeDay.getTime() + 7 * DAY);
  const mine = customer.locator(`[data-testid="ca-change"][data-identifier="${id}"]`);
  await expect(mine.getByTestId("change-at")).toContainText(`${changeText} 00:00 UTC (in `);
  await expect(mine.getByTestId("retire-at")).toContainText(`${graceEnd.toISOString().slice(0, 10)} 00:00 UTC`);

  // Another customer's list does not show it (page and API).
  const globex = await signedIn(USERS.globex);
  await globex.goto("/ca-changes");
  await expect(globex.locator(`[data-testid="ca-change"][data-identifier="${id}"]`)).toHaveCount(0);
  const foreign = await api(request, apiToken(USERS.globex, "ca-change")).get("/api/v1/ca-changes");
  expect(((await foreign.json()) as { identifier: string }[]).map((c) => c.identifier)).not.toContain(id);

  // Thales: the list under its navigation, in review; it approves both new versions from there.
  await delivery.goto("/");
  await delivery.getByRole("link", { name: "CA changes" }).click();
  const row = delivery.locator(`[data-testid="ca-change"][data-identifier="${id}"]`);
  await expect(row).toHaveAttribute("data-status", "in-review");
  await expect(row.getByTestId("change-at")).toContainText(`${changeText} 00:00 UTC`);
  await expect(row.getByTestId("ca-change-version")).toHaveCount(2);
  const versions = await row
    .getByTestId("ca-change-version")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  // Under review the export still holds only the old CAs.
  expect(await backendAnchors(delivery, ppr)).toEqual(oldAnchors);
  for (const href of versions) {
    await delivery.goto(href);
    await confirmAction(delivery, "Approve", "Approve");
    await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "APPROVED");
  }
  await delivery.goto("/ca-changes");
  await expect(row).toHaveAttribute("data-status", "overlap");

  // From approval until the change date plus the grace period: old and new CAs in the backend trust store.
  const both = fingerprints(old.root, old.intermediate, next.root, next.intermediate);
  expect(await backendAnchors(delivery, ppr)).toEqual(both);
  expect(await retireJob(new Date(changeDay.getTime() + DAY))).toMatch(/retire-versions: ran \{"due":\d+/);
  expect(await backendAnchors(delivery, ppr)).toEqual(both);
  // After it, the job retires the old chain: only the new CAs remain, and the change leaves the list.
  expect(await retireJob(new Date(graceEnd.getTime() + 60_000))).toMatch(
    /retire-versions: ran \{"due":[1-9]\d*,"retired":[1-9]/,
  );
  expect(await backendAnchors(delivery, ppr)).toEqual(fingerprints(next.root, next.intermediate));
  await delivery.goto(`/versions/${oldVersion}`);
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUPERSEDED");
});
