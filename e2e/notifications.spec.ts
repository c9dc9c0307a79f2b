import type { Page } from "@playwright/test";
import { test, expect, USERS, createIdentifier, versionIdFromUrl } from "./support/fixtures";
import { uniqueIdentifier } from "./support/pki";

const unreadCount = async (page: Page) => {
  const badge = page.getByTestId("unread-count");
  return (await badge.count()) === 0 ? 0 : Number((await badge.innerText()).replace("+", ""));
};

test("inbox: an upload reaches Thales, a rejection reaches the customer; unread count, filter, open marks read", async ({
  signedIn,
}) => {
  test.setTimeout(180_000);
  const id = uniqueIdentifier("E2ENTF");
  const admin = await signedIn(USERS.admin);
  const ids = await createIdentifier(admin, { organization: "Acme Bank", program: "d1-ecom", value: id });

  const customer = await signedIn(USERS.acme);
  await customer.goto(`/connections/${ids.PPR}/upload/ISSUER_HOST`);
  await customer.getByLabel("DNS name of your endpoint").fill(`gw.${id.toLowerCase()}.acme-bank.example`);
  await customer.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(customer).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const versionId = versionIdFromUrl(customer);

  // Thales delivery: the submission is in the inbox, unread, under "Awaiting review".
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto("/notifications?topic=review&unread=1");
  const before = await unreadCount(delivery);
  expect(before).toBeGreaterThan(0);
  const item = delivery.getByTestId("notification").filter({ hasText: `[PPR] ${id}` });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute("data-read", "false");
  await expect(item).toContainText("Your endpoint host v1 submitted for review");
  await item.getByRole("link").click();
  await expect(delivery).toHaveURL(new RegExp(`/versions/${versionId}$`));
  expect(await unreadCount(delivery)).toBe(before - 1);
  await delivery.goto("/notifications?topic=review");
  await expect(delivery.getByTestId("notification").filter({ hasText: `[PPR] ${id}` })).toHaveAttribute(
    "data-read",
    "true",
  );
  // Filter: not under another topic, not among unread.
  await delivery.goto("/notifications?topic=expiry");
  await expect(delivery.getByTestId("notification").filter({ hasText: id })).toHaveCount(0);
  await delivery.goto("/notifications?unread=1");
  await expect(delivery.getByTestId("notification").filter({ hasText: id })).toHaveCount(0);

  // The rejection reaches the customer with its reason and a link to upload again.
  await delivery.goto(`/versions/${versionId}`);
  const reason = `Use the production gateway name (${id}).`;
  await delivery.getByLabel("Reason for the customer").fill(reason);
  await delivery.getByRole("button", { name: "Reject" }).click();
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "REJECTED");

  await customer.goto("/notifications?topic=decisions");
  const rejected = customer.getByTestId("notification").filter({ hasText: reason });
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText(`[PPR] ${id} · Your endpoint host v1 rejected`);
  const unread = await unreadCount(customer);
  expect(unread).toBeGreaterThan(0);
  await rejected.getByRole("button", { name: "Mark read" }).click();
  await expect(rejected).toHaveAttribute("data-read", "true");
  expect(await unreadCount(customer)).toBe(unread - 1);
  await expect(rejected.getByRole("link")).toHaveAttribute("href", /\/notifications\/.+\/open$/);
});

test("settings: notification contacts and webhooks with send test event and delivery log; Thales expiring view", async ({
  signedIn,
}) => {
  test.setTimeout(120_000);
  const customer = await signedIn(USERS.acme);
  await customer.goto("/notifications/settings");
  const mailbox = `secops-${Date.now()}@acme.test`;
  await customer.getByLabel("Contact e-mail").fill("not an address");
  await customer.getByRole("button", { name: "Add contact" }).click();
  await expect(customer.getByTestId("form-message")).toContainText("Enter one e-mail address.");
  await customer.getByLabel("Contact e-mail").fill(mailbox);
  await customer.locator("form").filter({ hasText: "Add contact" }).getByLabel("Certificate expiry").check();
  await customer.getByRole("button", { name: "Add contact" }).click();
  await expect(customer.getByTestId("contact-row").filter({ hasText: mailbox })).toContainText("Certificate expiry");

  const hookForm = customer.locator("form").filter({ hasText: "Add webhook" });
  await hookForm.getByLabel("Webhook URL").fill("http://hooks.acme-bank.example/portal");
  await hookForm.getByLabel("Version rejected").check();
  await hookForm.getByRole("button", { name: "Add webhook" }).click();
  await expect(hookForm.getByTestId("form-message")).toContainText("HTTPS only");
  const url = `https://hooks.acme-bank.example/portal/${Date.now()}`;
  // React resets a form after its action ran: choose the event again.
  await hookForm.getByLabel("Webhook URL").fill(url);
  await hookForm.getByLabel("Version rejected").check();
  await hookForm.getByRole("button", { name: "Add webhook" }).click();
  await expect(hookForm.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  const row = customer.getByTestId("webhook-row").filter({ hasText: url });
  await expect(row).toContainText("Enabled");
  await row.getByRole("button", { name: "Send test event" }).click();
  await expect(row.getByTestId("delivery-log")).toContainText("Test event");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  // The expiring view is Thales-only; delivery users filter it and export CSV.
  expect((await customer.goto("/expiring"))!.status()).toBe(403);
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto("/expiring?days=3650");
  await expect(delivery.getByRole("heading", { name: "Expiring certificates" })).toBeVisible();
  const rows = await delivery.getByTestId("expiring-row").count();
  expect(rows).toBeGreaterThan(0);
  // The whole count of versions, soonest first; they fit one page here, so no pager.
  await expect(delivery.getByTestId("expiring-total")).toContainText(
    /\d+ version\(s\) in force expire within 3650 days/,
  );
  const csv = await delivery.request.get("/expiring/export.csv?days=3650&environment=PPR");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe(
    "notAfter,daysLeft,threshold,organization,program,identifier,environment,kind,seq,subject,sha256,versionId,connectionId",
  );
  for (const line of lines.slice(1)) expect(line).toContain(',"PPR",'); // every cell quoted (lib/server/audit/audit-csv.ts)
});
