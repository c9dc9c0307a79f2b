import { test, expect, USERS, connectionIdOnBoard } from "./support/fixtures";
import { query } from "./support/db";

/**
 * Issue 15: a customer organization's read-only role. An admin invites such a user from the Users page; the
 * user sees and downloads the organization's exchange, and is offered nothing that changes it (the services
 * refuse it too: e2e/security/isolation-matrix.spec.ts, caller "viewer").
 */
test("an admin invites a read-only customer who sees and downloads Acme's exchange but is offered no change", async ({
  signedIn,
}) => {
  const admin = await signedIn(USERS.admin);
  await admin.goto("/admin/users");
  const email = `e2e-viewer-${Date.now().toString(36)}@acme.test`;
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("E2E Viewer");
  await admin.getByLabel("Role").selectOption({ label: "Customer (read-only)" });
  await admin.getByLabel("Organization").selectOption({ label: "Acme Bank" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  const oneTimePassword = (await admin.getByTestId("one-time-password").textContent())!.trim();
  // A customer role needs no second admin: the account is usable at once.
  const [row] = await query<{ role: string; grantPending: boolean | number }>(
    `SELECT role, "grantPending" FROM "User" WHERE email = $1`,
    [email],
  );
  expect(row!.role).toBe("CUSTOMER_READ_ONLY");
  expect(Boolean(row!.grantPending)).toBe(false);

  const viewer = await signedIn(`${email}\n${oneTimePassword}`);
  await expect(viewer.getByTestId("role")).toHaveText("Customer (read-only)");
  const connectionId = await connectionIdOnBoard(viewer, "ACME01", "PPR");
  await viewer.goto(`/connections/${connectionId}`);
  await expect(viewer.getByTestId("version-row").first()).toBeVisible();
  await expect(viewer.getByTestId("upload-link")).toHaveCount(0);
  await expect(viewer.getByTestId("asset-slot").getByRole("button")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Check endpoint now" })).toHaveCount(0);
  // Downloads work: the trust store and a published version.
  const trustStore = await viewer.request.get(`/connections/${connectionId}/trust-store.pem`);
  expect(trustStore.status()).toBe(200);
  expect(await trustStore.text()).toContain("BEGIN CERTIFICATE");
  const download = viewer.getByTestId("asset-slot").locator('a[href^="/download/versions/"]').first();
  const response = await viewer.request.get((await download.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  // Typing the upload address is refused, not just hidden.
  const upload = await viewer.goto(`/connections/${connectionId}/upload/ISSUER_HOST`);
  expect(upload!.status()).toBe(403);

  // The full customer sees the controls the viewer is not offered (the page is not simply empty of them).
  const ops = await signedIn(USERS.acme);
  await ops.goto(`/connections/${connectionId}`);
  await expect(ops.getByTestId("upload-link").first()).toBeVisible();

  // The admin moves the account to the full customer role at once (no second admin for a customer role), audited.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "Make Customer", exact: true }).click();
  await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Role changed.");
  const [audit] = await query<{ action: string }>(
    `SELECT a.action FROM "AuditEvent" a JOIN "User" u ON u.id = a."targetId" WHERE u.email = $1 AND a.action LIKE 'user.role-%'`,
    [email],
  );
  expect(audit!.action).toBe("user.role-changed");
});
