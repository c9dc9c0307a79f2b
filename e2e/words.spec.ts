import type { Page } from "@playwright/test";
import { test, expect, USERS, connectionIdOnBoard } from "./support/fixtures";

/**
 * Issue 15, words and dates: one date format (`2027-12-01 19:39 UTC (in 11 months)`), human labels from the
 * catalogues with codes only as a secondary detail. Reads the seed's Acme D1 PreProd (an issued certificate) and
 * the Globex PreProd CSR Thales rejected; changes nothing.
 */

const RAW_ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODE = /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/g;

/** The page's visible text without its secondary details (codes are shown small, in <code>, as the detail to quote). */
async function primaryText(page: Page): Promise<string> {
  return page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("code, script, style").forEach((el) => el.remove());
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

async function expectHumanWords(page: Page): Promise<void> {
  const text = await primaryText(page);
  expect(text.match(CODE) ?? [], `internal codes shown as text on ${page.url()}`).toEqual([]);
  expect(text, `raw ISO 8601 shown on ${page.url()}`).not.toMatch(RAW_ISO);
}

test("a version page prints dates as UTC with the relative time and no internal code as a label", async ({
  signedIn,
}) => {
  const ops = await signedIn(USERS.acme);
  await expectHumanWords(ops);
  const ppr = await connectionIdOnBoard(ops, "ACME01", "PPR");
  await ops.goto(`/connections/${ppr}`);
  await expectHumanWords(ops);
  const issued = ops.locator('[data-testid="asset-slot"][data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"]');
  await issued
    .locator('[data-testid="version-row"]')
    .first()
    .getByRole("link", { name: /^v\d+$/ })
    .click();
  await expect(ops).toHaveURL(/\/versions\//);
  await expect(ops.getByTestId("not-after").first()).toHaveText(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in \d+ (months|years)\)$/,
  );
  await expect(ops.getByTestId("not-after").first().locator("time")).toHaveAttribute("datetime", RAW_ISO);
  await expectHumanWords(ops);
});

test("Thales reads kinds, states and findings by their labels; codes stay small and link to the catalogue", async ({
  signedIn,
}) => {
  const delivery = await signedIn(USERS.delivery1);
  for (const path of ["/", "/review", "/expiring", "/publish/requests"]) {
    await delivery.goto(path);
    await expectHumanWords(delivery);
  }
  const globex = await connectionIdOnBoard(delivery, "GLOBEX9", "PPR");
  await delivery.goto(`/connections/${globex}`);
  await expectHumanWords(delivery);
  // The seed's rejected CSR (v1, with findings): other specs may have added newer versions of it.
  const seeded = delivery.locator(
    '[data-testid="asset-slot"][data-kind="CUSTOMER_CSR"] [data-testid="version-row"][data-version="1"]',
  );
  await expect(seeded.getByTestId("state")).toHaveText("Rejected");
  await seeded.getByRole("link", { name: /^v\d+$/ }).click();
  await expectHumanWords(delivery);
  // The seed's Acme PreProd chain (v1) ends in a private root: its page lists findings.
  const acme = await connectionIdOnBoard(delivery, "ACME01", "PPR");
  await delivery.goto(`/connections/${acme}`);
  await delivery
    .locator(
      '[data-testid="asset-slot"][data-kind="CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN"] [data-testid="version-row"][data-version="1"]',
    )
    .getByRole("link", { name: /^v\d+$/ })
    .click();
  await expectHumanWords(delivery);
  const finding = delivery.getByTestId("finding").first();
  await expect(finding.getByTestId("finding-title")).not.toBeEmpty();
  const code = (await finding.getAttribute("data-code"))!;
  await expect(finding.getByTestId("finding-doc-link")).toHaveAttribute("href", `/findings#${code.toLowerCase()}`);
  await expect(finding.getByTestId("finding-doc-link").locator("code")).toHaveText(code);
});

test("each side reads its own wording; paste boxes and certificates say what they hold", async ({ signedIn }) => {
  // The customer reads "your", Thales reads "the customer's": the same catalogue entry, chosen by role.
  const ops = await signedIn(USERS.acme);
  const ppr = await connectionIdOnBoard(ops, "ACME01", "PPR");
  await ops.goto(`/connections/${ppr}`);
  const host = (page: Page) => page.locator('[data-testid="asset-slot"][data-kind="ISSUER_HOST"] h2');
  await expect(host(ops)).toHaveText("Your endpoint host");
  // An issued certificate is shown by its CN and serial, not by a hash.
  const issued = ops.locator('[data-testid="asset-slot"][data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"]');
  await expect(issued.getByTestId("version-content").first()).toHaveText(
    /^TLSMA-ECDSA\/ACME01\/D1\.PPR · serial [0-9A-F]+$/,
  );
  // The paste box expects what the form uploads: a certificate for a chain, a CSR for a CSR.
  await ops.goto(`/connections/${ppr}/upload/CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN`);
  await expect(ops.getByLabel("…or paste PEM text")).toHaveAttribute("placeholder", "-----BEGIN CERTIFICATE-----");
  await ops.goto(`/connections/${ppr}/upload/CUSTOMER_CSR`);
  await expect(ops.getByLabel("…or paste PEM text")).toHaveAttribute(
    "placeholder",
    "-----BEGIN CERTIFICATE REQUEST-----",
  );

  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto(`/connections/${ppr}`);
  await expect(host(delivery)).toHaveText("The customer's endpoint host");
  await expect(delivery.locator("main")).not.toContainText("Your endpoint host");
  await expect(delivery.locator("main")).not.toContainText("Waiting on you");
  // The Globex PreProd CSR was rejected: the board tells Thales whose turn it is in Thales words.
  await delivery.goto("/?program=d1-ecom&environment=PPR");
  const globex = delivery.locator('[data-testid="identifier-group"][data-identifier="GLOBEX9"]');
  await expect(globex.locator('[data-testid="readiness-item"][data-kind="CUSTOMER_CSR"]')).toContainText(
    "Waiting on the customer",
  );
  await expect(globex).not.toContainText("Waiting on you");
});
