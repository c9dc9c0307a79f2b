import { X509Certificate } from "node:crypto";
import type { Page } from "@playwright/test";
import {
  test,
  expect,
  USERS,
  createIdentifier,
  readinessItem,
  uploadOnPage,
  versionIdFromUrl,
} from "./support/fixtures";
import { retireJob } from "./support/jobs";
import { Workdir, esc, uniqueIdentifier } from "./support/pki";
import { confirmAction } from "./support/confirm";
import { tickOnly } from "./support/publish";

/** Applies the review queue filters through the form, as a reviewer would. */
async function filterQueue(
  page: Page,
  filters: { Program?: string; Environment?: string; Organization?: string; State?: string; Age?: string },
) {
  await page.goto("/review");
  for (const [label, value] of Object.entries(filters)) {
    if (label === "Organization") await page.getByLabel(label).selectOption({ label: value });
    else await page.getByLabel(label).selectOption(value);
  }
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/review\?/);
}

test("review queue filters, reject with a reason the customer reads, withdraw before review, publish renews with overlap", async ({
  signedIn,
}) => {
  test.setTimeout(360_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2EREV");
  const admin = await signedIn(USERS.admin);
  const ids = await createIdentifier(admin, { organization: "Acme Bank", program: "d1-ecom", value: id });
  // (ops@acme.test, not ops@globex.test: auth.spec.ts locks that account for 15 minutes by design.)

  // The customer submits a CSR and a host on PreProd.
  const customer = await signedIn(USERS.acme);
  const csr = pki.csr(
    "ecom",
    `/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=eCommerce/CN=${esc(`TLSMA-ECDSA/${id}/D1.PPR`)}`,
  );
  await uploadOnPage(customer, ids.PPR, "CUSTOMER_CSR", { pasted: csr.csrPem });
  await expect(customer).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const csrVersion = versionIdFromUrl(customer);
  await customer.goto(`/connections/${ids.PPR}/upload/ISSUER_HOST`);
  await customer.getByLabel("DNS name of your endpoint").fill(`gw.${id.toLowerCase()}.acme-bank.example`);
  await customer.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(customer).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const hostVersion = versionIdFromUrl(customer);

  // Withdraw before review: the customer takes the host back.
  await confirmAction(customer, "Withdraw", "Withdraw");
  await expect(customer.locator("header").getByTestId("state")).toHaveAttribute("data-state", "WITHDRAWN");
  await expect(customer.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
  await customer.goto(`/connections/${ids.PPR}`);
  await expect(
    customer.locator(
      '[data-testid="asset-slot"][data-kind="ISSUER_HOST"] [data-testid="version-row"] [data-testid="state"]',
    ),
  ).toHaveAttribute("data-state", "WITHDRAWN");
  await expect(readinessItem(customer, "ISSUER_HOST")).toHaveAttribute("data-waiting", "customer");
  await expect(readinessItem(customer, "CUSTOMER_CSR")).toHaveAttribute("data-waiting", "thales");

  // The queue, filtered: the CSR is there for Acme / PPR / d1-ecom / submitted, not for other filters.
  const delivery = await signedIn(USERS.delivery1);
  const ours = delivery.getByTestId("queue-row").filter({ hasText: id });
  await filterQueue(delivery, {
    Program: "d1-ecom",
    Environment: "PPR",
    Organization: "Acme Bank",
    State: "SUBMITTED",
  });
  await expect(ours).toHaveCount(1);
  await expect(ours).toHaveAttribute("data-kind", "CUSTOMER_CSR");
  await expect(ours).toContainText("today");
  for (const row of await delivery.getByTestId("queue-row").all()) await expect(row).toContainText("Acme Bank");
  // The count above the table is the whole filtered queue, here within one page (100 rows).
  const shown = await delivery.getByTestId("queue-row").count();
  await expect(delivery.getByTestId("queue-total")).toHaveText(`${shown} waiting, oldest first.`);
  // A page past the end (the queue shrank since the link was made) says so and offers the way back.
  const filtered = delivery.url();
  await delivery.goto(`${filtered}&page=999`);
  await expect(delivery.getByText("No rows on this page.")).toBeVisible();
  await expect(
    delivery.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "← Previous" }),
  ).toHaveAttribute("href", /page=998/);
  await delivery.goto(filtered);
  // The withdrawn host is not waiting for anyone.
  await expect(
    delivery.locator('[data-testid="queue-row"][data-kind="ISSUER_HOST"]').filter({ hasText: id }),
  ).toHaveCount(0);
  for (const other of [
    { Program: "tsh" },
    { Environment: "PRD" },
    { Organization: "Globex Pay" },
    { State: "IN_REVIEW" },
    { Age: "1" },
  ]) {
    await filterQueue(delivery, other);
    await expect(ours, JSON.stringify(other)).toHaveCount(0);
  }

  // Reject: a reason is required, then the customer reads it.
  await filterQueue(delivery, {});
  await ours.getByRole("link", { name: "Open" }).click();
  await expect(delivery).toHaveURL(new RegExp(`/versions/${csrVersion}$`));
  await delivery.getByRole("button", { name: "Reject" }).click();
  await expect(delivery.getByTestId("form-message")).toHaveText("Give the customer a reason (3 to 2000 characters).");
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
  const reason = `O must be "Acme Bank SA" as in the contract (${id}).`;
  await delivery.getByLabel("Reason for the customer").fill(reason);
  await delivery.getByRole("button", { name: "Reject" }).click();
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "REJECTED");
  await expect(delivery.getByTestId("rejection-reason")).toContainText(reason);
  await filterQueue(delivery, {});
  await expect(ours).toHaveCount(0);

  await customer.goto(`/connections/${ids.PPR}`);
  const csrSlot = customer.locator('[data-testid="asset-slot"][data-kind="CUSTOMER_CSR"]');
  await expect(csrSlot.getByTestId("rejection-reason")).toHaveText(`Rejected: ${reason}`);
  await expect(csrSlot.getByTestId("version-row").getByTestId("state")).toHaveAttribute("data-state", "REJECTED");
  await expect(readinessItem(customer, "CUSTOMER_CSR")).toHaveAttribute("data-waiting", "customer");
  await customer.goto(`/versions/${csrVersion}`);
  await expect(customer.getByTestId("rejection-reason")).toContainText(reason);
  await expect(customer.getByTestId("reviews")).toContainText(`Rejected by ${USERS.delivery1}`);
  await customer.goto("/");
  const card = customer.locator(
    `[data-testid="identifier-group"][data-identifier="${id}"] [data-testid="readiness-card"][data-env="PPR"]`,
  );
  await expect(readinessItem(customer, "CUSTOMER_CSR", card)).toHaveAttribute("data-waiting", "customer");
  await expect(readinessItem(customer, "CUSTOMER_CSR", card)).toContainText("Rejected");
  // A withdrawn version cannot be withdrawn twice (its page no longer offers it).
  await customer.goto(`/versions/${hostVersion}`);
  await expect(customer.getByRole("button", { name: "Withdraw" })).toHaveCount(0);

  // Publish: a second Thales client CA renews the first with overlap (issue 12): the customer sees it as new, and
  // their trust-store export holds both until the default cut-over, then the retire job leaves only the new one.
  const publishCa = async (name: string, keeps?: string) => {
    const root = pki.serverChain(name, "unused.example").root;
    await delivery.goto("/publish");
    await delivery.getByLabel("What").selectOption("THALES_CLIENT_CA");
    await delivery.getByLabel("Environment").selectOption("PPR");
    await tickOnly(delivery, id);
    await delivery.locator('input[type="file"][name="file"]').setInputFiles({
      name: `${name}.pem`,
      mimeType: "application/x-pem-file",
      buffer: Buffer.from(root),
    });
    // A confirmation step shows what each target's trust store gains, keeps and loses before anything is published.
    await delivery.getByRole("button", { name: "Preview changes" }).click();
    const confirmation = delivery.getByTestId("publish-confirmation");
    await expect(confirmation.getByTestId("trust-store-added")).toContainText(`${name} Root CA`);
    await expect(confirmation.getByTestId("trust-store-removed")).toHaveCount(0);
    if (keeps) {
      await expect(confirmation.getByTestId("trust-store-retiring")).toContainText(
        new RegExp(
          `kept ${keeps} Root CA .* beside the new one until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC, then removed`,
        ),
      );
    }
    await confirmAction(confirmation, /^Publish to 1 connection/, "Publish");
    await expect(delivery.getByTestId("form-message")).toHaveText("Published to 1 connection(s).");
    return new X509Certificate(root).fingerprint256;
  };
  const exported = async () => {
    await customer.goto(`/connections/${ids.PPR}`);
    const body = await (
      await customer.request.get((await customer.getByTestId("trust-store-link").getAttribute("href"))!)
    ).text();
    const blocks = body.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((b) => new X509Certificate(b).fingerprint256);
  };
  // The new identifier started with the Thales client CA in force for d1-ecom PreProd (the seed's, on GLOBEX9),
  // applied when it was created (issue 15): v1, waiting for the customer's acknowledgement, not for Thales.
  await customer.goto(`/connections/${ids.PPR}`);
  const caSlot = customer.locator('[data-testid="asset-slot"][data-kind="THALES_CLIENT_CA"]');
  await expect(caSlot.getByTestId("version-row")).toHaveCount(1);
  await expect(readinessItem(customer, "THALES_CLIENT_CA")).toHaveAttribute("data-waiting", "customer");
  // So the publish page does not list it among the connections lacking a Thales client CA.
  await delivery.goto("/publish");
  await expect(delivery.getByTestId("lacking-assets")).toBeVisible();
  await expect(
    delivery.locator('[data-testid="lacking-asset"][data-kind="THALES_CLIENT_CA"]').filter({ hasText: id }),
  ).toHaveCount(0);
  const one = await publishCa("ClientCaOne");
  await customer.goto(`/connections/${ids.PPR}`);
  await caSlot.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(readinessItem(customer, "THALES_CLIENT_CA")).toHaveAttribute("data-done", "true");
  const published = Date.now();
  const two = await publishCa("ClientCaTwo", "ClientCaOne");
  await customer.reload();
  await expect(caSlot.locator('[data-testid="version-row"][data-version="3"] [data-testid="state"]')).toHaveAttribute(
    "data-state",
    "PUBLISHED",
  );
  await expect(caSlot.locator('[data-testid="version-row"][data-version="2"] [data-testid="state"]')).toHaveAttribute(
    "data-state",
    "RETIRING",
  );
  await expect(caSlot.locator('[data-testid="version-row"][data-version="3"]')).toContainText("in force");
  await expect(readinessItem(customer, "THALES_CLIENT_CA")).toHaveAttribute("data-waiting", "customer");
  await expect(readinessItem(customer, "THALES_CLIENT_CA")).toHaveAttribute("data-done", "false");
  await expect(caSlot.getByRole("button", { name: "Acknowledge receipt" })).toBeVisible();
  const during = await exported();
  expect(during).toContain(one);
  expect(during).toContain(two);

  // The default cut-over is 30 days after publishing: the retire job a day before leaves both, a day after only the new.
  await retireJob(new Date(published + 29 * 86_400_000));
  expect(await exported()).toContain(one);
  expect(await retireJob(new Date(published + 31 * 86_400_000))).toMatch(/"retired":[1-9]/);
  const after = await exported();
  expect(after).toContain(two);
  expect(after).not.toContain(one);
  await customer.goto(`/connections/${ids.PPR}`);
  await expect(caSlot.locator('[data-testid="version-row"][data-version="2"] [data-testid="state"]')).toHaveAttribute(
    "data-state",
    "SUPERSEDED",
  );
});
