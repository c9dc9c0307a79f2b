import { X509Certificate } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, USERS, createIdentifier, uploadOnPage, versionIdFromUrl } from "./support/fixtures";
import { retireJob } from "./support/jobs";
import { Workdir, esc, uniqueIdentifier } from "./support/pki";
import { confirmAction } from "./support/confirm";

const DAY = 86_400_000;

/** Both Thales reviewers approve a PRD version (four-eyes), on its page. */
async function approveTwice(delivery1: Page, delivery2: Page, versionId: string) {
  for (const [page, flash] of [
    [delivery1, "Approval recorded"],
    [delivery2, "Approved."],
  ] as const) {
    await page.goto(`/versions/${versionId}`);
    await confirmAction(page, "Approve", "Approve");
    await expect(page.getByTestId("flash")).toContainText(flash);
  }
}

/** Thales signs an approved CSR with the portal CA; the certificate's version id. */
async function sign(delivery: Page, csrVersion: string): Promise<string> {
  await delivery.goto(`/versions/${csrVersion}`);
  await confirmAction(delivery, "Sign with the Thales CA", "Sign and issue");
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "ISSUED");
  const href = (await delivery.getByTestId("issued-certificate-link").getAttribute("href"))!;
  return href.replace("/versions/", "");
}

// Run alone on a loaded machine, the fresh server's first sign-in can outlast the fixture's 10 s: load the pages once.
test.beforeAll(async ({ request }) => {
  for (const page of ["/login", "/"]) await request.get(`${process.env.E2E_BASE_URL}${page}`, { timeout: 60_000 });
});

/**
 * Issue 12 items 1 and 2 on Production: a PRD CSR withdrawn after one of its two approvals, then a new upload;
 * the D1 client certificate renewed with overlap, both certificates downloadable and in the Thales backend view
 * until the cut-over the customer chose, then only the new one (the retire job run as of a later `now`).
 */
test("D1 PRD renewal with overlap: withdraw after one approval, upload again, both certificates until the cut-over, then the new one", async ({
  signedIn,
}) => {
  test.setTimeout(300_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2EROT");
  const admin = await signedIn(USERS.admin);
  const { PRD: prd } = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const dn = "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments";
  const csr = (name: string) => pki.csr(name, `${dn}/CN=${esc(`TLSMA-ECDSA/${id}/D1.PRD`)}`).csrPem;
  const customer = await signedIn(USERS.acme);
  const delivery1 = await signedIn(USERS.delivery1);
  const delivery2 = await signedIn(USERS.delivery2);

  // The certificate in force today: CSR v1, two approvals, signed, acknowledged.
  await uploadOnPage(customer, prd, "CUSTOMER_CSR", { pasted: csr("first") });
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const csr1 = versionIdFromUrl(customer);
  await approveTwice(delivery1, delivery2, csr1);
  const cert1 = await sign(delivery2, csr1);
  await customer.goto(`/versions/${cert1}`);
  await customer.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(customer.locator("header").getByTestId("state")).toHaveAttribute("data-state", "ACKNOWLEDGED");

  // Item 2: a renewal CSR gets one of its two PRD approvals; the upload page says a new submit replaces it,
  // and the customer withdraws it on its page. The approval stays in its history.
  await uploadOnPage(customer, prd, "CUSTOMER_CSR", { pasted: csr("wrong") });
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const csr2 = versionIdFromUrl(customer);
  await delivery1.goto(`/versions/${csr2}`);
  await confirmAction(delivery1, "Approve", "Approve");
  await expect(delivery1.locator("header").getByTestId("state")).toHaveAttribute("data-state", "IN_REVIEW");
  await customer.goto(`/connections/${prd}`);
  await customer.locator('[data-testid="asset-slot"][data-kind="CUSTOMER_CSR"]').getByTestId("upload-link").click();
  await expect(customer.getByTestId("replaces-pending")).toContainText("replaces v2, in review (1 of 2 approvals)");
  await customer.getByTestId("replaces-pending").getByRole("link", { name: "v2" }).click();
  await expect(customer).toHaveURL(new RegExp(`/versions/${csr2}$`));
  await confirmAction(customer, "Withdraw", "Withdraw");
  await expect(customer.getByTestId("flash")).toHaveText("Withdrawn.");
  await expect(customer.locator("header").getByTestId("state")).toHaveAttribute("data-state", "WITHDRAWN");
  await expect(customer.getByTestId("reviews")).toContainText(`Approved by ${USERS.delivery1}`);
  await expect(customer.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
  // The second approver is offered nothing any more.
  await delivery2.goto(`/versions/${csr2}`);
  await expect(delivery2.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // Item 1: the corrected renewal, with a cut-over in 20 days (the form says the default is the old expiry).
  const cutOver = new Date(Math.floor((Date.now() + 20 * DAY) / 60_000) * 60_000);
  const cutOverText = cutOver.toISOString().slice(0, 16);
  await customer.goto(`/connections/${prd}/upload/CUSTOMER_CSR`);
  await expect(customer.getByTestId("replaces-pending")).toHaveCount(0);
  await expect(customer.getByTestId("cut-over")).toContainText("Issued client certificate v1");
  await customer.getByLabel("…or paste PEM text").fill(csr("renewal"));
  await customer.getByLabel("Cut-over (UTC)").fill(cutOverText);
  await customer.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const csr3 = versionIdFromUrl(customer);
  await approveTwice(delivery1, delivery2, csr3);
  const cert2 = await sign(delivery1, csr3);

  // During the overlap: both certificates in force, downloadable, in the Thales backend view; the board says so.
  await customer.goto(`/connections/${prd}`);
  const slot = customer.locator('[data-testid="asset-slot"][data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"]');
  const row = (seq: number) => slot.locator(`[data-testid="version-row"][data-version="${seq}"]`);
  await expect(row(2).getByTestId("state")).toHaveAttribute("data-state", "PUBLISHED");
  await expect(row(1).getByTestId("state")).toHaveAttribute("data-state", "RETIRING");
  await expect(row(1).getByTestId("retires")).toHaveText(
    new RegExp(`^in force until ${cutOverText.replace("T", " ")} UTC \\(in \\d+ (days|hours)\\)$`),
  );
  const download = async (seq: number) =>
    customer.request.get((await row(seq).getByTestId("download-pem").getAttribute("href"))!);
  const serials: string[] = [];
  for (const seq of [1, 2]) {
    const response = await download(seq);
    expect(response.status()).toBe(200);
    serials.push(new X509Certificate(await response.text()).serialNumber.replace(/^0+/, ""));
  }
  expect(serials[0]).not.toBe(serials[1]);
  const rotation = customer.locator('[data-testid="readiness-card"]').getByTestId("rotation");
  await expect(rotation).toContainText(`Rotation in progress until ${cutOverText.replace("T", " ")} UTC`);
  await customer.goto("/");
  await expect(
    customer
      .locator(
        `[data-testid="identifier-group"][data-identifier="${id}"] [data-testid="readiness-card"][data-env="PRD"]`,
      )
      .getByTestId("rotation"),
  ).toBeVisible();

  const backendSerials = async () => {
    await delivery1.goto(`/connections/${prd}`);
    const accepted = delivery1.locator(
      '[data-testid="backend-view"] [data-testid="backend-entry"][data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"] [data-testid="backend-certificate"]',
    );
    await expect(delivery1.getByTestId("backend-view")).toBeVisible();
    return (await accepted.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-serial") ?? ""))).map((s) =>
      s.replace(/^0+/, "").toUpperCase(),
    );
  };
  expect((await backendSerials()).sort()).toEqual([...serials].sort());
  await expect(delivery1.locator('[data-testid="backend-entry"][data-version="1"]')).toContainText(
    `until ${cutOverText.replace("T", " ")} UTC`,
  );

  // The job before the cut-over leaves it; after the cut-over only the new certificate is in force.
  expect(await retireJob(new Date(cutOver.getTime() - 3_600_000))).toMatch(/retire-versions: ran \{"due":\d+/);
  await customer.goto(`/connections/${prd}`);
  await expect(row(1).getByTestId("state")).toHaveAttribute("data-state", "RETIRING");
  expect(await retireJob(new Date(cutOver.getTime() + 60_000))).toMatch(
    /retire-versions: ran \{"due":[1-9]\d*,"retired":[1-9]/,
  );

  await customer.goto(`/connections/${prd}`);
  await expect(row(1).getByTestId("state")).toHaveAttribute("data-state", "SUPERSEDED");
  await expect(row(1).getByTestId("download-pem")).toHaveCount(0);
  await expect(row(1).getByTestId("no-download")).toBeVisible();
  expect((await customer.request.get(`/download/versions/${cert1}?format=pem`)).status()).toBe(409);
  expect((await download(2)).status()).toBe(200);
  await expect(customer.getByTestId("rotation")).toHaveCount(0);
  expect(await backendSerials()).toEqual([serials[1]]);
  expect(cert2).toBeTruthy();
});
