import { X509Certificate, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, USERS, SECOND_ADMIN, asUser, createIdentifier, signIn, uniqueIp } from "./support/fixtures";
import { fingerprint, query } from "./support/db";
import { Workdir, uniqueIdentifier } from "./support/pki";
import { publishTargets } from "./support/publish";
import { api, apiToken } from "./api/support";

/**
 * Separation of duties (issue 10 item 5) through the real app: staff grants wait for a second admin, Production
 * publications wait for a second, distinct person, and neither can be played alone. The e2e portal has two admins
 * (root@portal.test from `npm start`'s first run, admin@portal.test from the demo seed), so grants are not a bootstrap.
 * Every refused decision leaves the data as it was; only its audit row is added.
 */
test.describe.configure({ mode: "serial" });

const ROOT = SECOND_ADMIN;
const pki = new Workdir();
const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;
const pemFingerprints = (text: string) =>
  (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(fingerprintOf);
const auditCount = async (action: string) =>
  Number((await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = $1`, [action]))[0]!.n);

async function invite(
  admin: Page,
  role: "THALES_DELIVERY" | "ADMIN",
): Promise<{ email: string; oneTimePassword: string }> {
  const email = `sod-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}@thales.test`;
  await admin.goto("/admin/users");
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Name").fill("SoD test");
  await admin.getByLabel("Role").selectOption(role);
  await admin.getByLabel("Organization").selectOption({ label: "Thales (Thales)" });
  await admin.getByRole("button", { name: "Invite user" }).click();
  await expect(admin.getByTestId("form-message")).toContainText("waits for a second administrator's approval");
  return { email, oneTimePassword: (await admin.getByTestId("one-time-password").textContent())!.trim() };
}

async function trySignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin alone cannot give staff accounts power: grants wait for a second admin, who approves in the browser", async ({
  signedIn,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const admin = await signedIn(USERS.admin);
  const first = await invite(admin, "THALES_DELIVERY");
  const second = await invite(admin, "THALES_DELIVERY");

  // The new accounts cannot act: sign-in says why, and the operator cannot even make them a token.
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const stranger = await context.newPage();
  await trySignIn(stranger, first.email, first.oneTimePassword);
  await expect(stranger.getByTestId("form-message")).toContainText("a second administrator must approve");
  expect(() => apiToken(first.email)).toThrow();

  // The admin who asked cannot approve (the page says why); forcing the button is refused by the service.
  await admin.goto("/admin/users");
  const row = admin.getByTestId(`grant-row-${second.email}`);
  await expect(row.getByTestId("grant-blocked")).toContainText("own request");
  const before = await fingerprint({ withoutAudit: true });
  const refusals = await auditCount("user.grant.refused-decision");
  await row.getByRole("button", { name: "Approve" }).evaluate((button) => button.removeAttribute("disabled"));
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(row.getByRole("alert")).toContainText("second, different person");
  expect(await fingerprint({ withoutAudit: true })).toBe(before);
  expect(await auditCount("user.grant.refused-decision")).toBe(refusals + 1);

  // The second admin approves one and refuses the other.
  const rootContext = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const root = await rootContext.newPage();
  await signIn(root, ROOT.email, ROOT.password);
  // The second admin is told in the inbox, with a link to where to decide; the admin who asked is not.
  await root.goto("/notifications?topic=approvals");
  const notice = root.getByTestId("notification").filter({ hasText: `Role grant for ${first.email} awaits approval` });
  await expect(notice).toHaveCount(1);
  await notice.getByRole("link").click();
  await expect(root).toHaveURL(/\/admin\/users#staff-grants$/);
  await admin.goto("/notifications?topic=approvals");
  await expect(admin.getByTestId("notification").filter({ hasText: first.email })).toHaveCount(0);
  await root.goto("/admin/users");
  await expect(root.getByTestId(`grant-row-${first.email}`).getByTestId("grant-blocked")).toHaveCount(0);
  await root.getByTestId(`grant-row-${first.email}`).getByRole("button", { name: "Approve" }).click();
  await expect(root.getByTestId(`grant-row-${first.email}`)).toHaveCount(0); // decided: off the pending list
  const refused = root.getByTestId(`grant-row-${second.email}`);
  await refused.getByLabel("Reason for refusing").fill("not a real colleague");
  await refused.getByRole("button", { name: "Refuse" }).click();
  await expect(refused).toHaveCount(0);
  await rootContext.close();

  // Approved: the account may sign in (and must first choose its own password). Refused: still out.
  await trySignIn(stranger, first.email, first.oneTimePassword);
  await expect(stranger).toHaveURL(/\/account\/password$/);
  await context.clearCookies();
  await trySignIn(stranger, second.email, second.oneTimePassword);
  await expect(stranger.getByTestId("form-message")).toContainText("a second administrator must approve");
  const [grants] = await query<{ approved: number; refused: number }>(
    `SELECT SUM(CASE WHEN g.state = 'APPROVED' THEN 1 ELSE 0 END) AS approved, SUM(CASE WHEN g.state = 'REFUSED' THEN 1 ELSE 0 END) AS refused FROM "StaffGrant" g JOIN "User" u ON u.id = g."userId" WHERE u.email IN ($1, $2)`,
    [first.email, second.email],
  );
  expect([Number(grants!.approved), Number(grants!.refused)]).toEqual([1, 1]);
  await context.close();
});

test.describe("Production publications", () => {
  let connections: { PPR: string; PRD: string };
  const identifier = uniqueIdentifier("SOD");
  let tokens: Record<"admin" | "acme" | "delivery1" | "delivery2", string>;
  test.beforeAll(async ({ browser, baseURL }) => {
    connections = await asUser(browser, baseURL, USERS.admin, (admin) =>
      createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: identifier }),
    );
    tokens = {
      admin: apiToken(USERS.admin),
      acme: apiToken(USERS.acme),
      delivery1: apiToken(USERS.delivery1),
      delivery2: apiToken(USERS.delivery2),
    };
  });

  test("an admin alone cannot put a rogue Thales client CA in force on Production", async ({ request }) => {
    const rogue = pki.serverChain("RogueThalesClient", "unused.example").root;
    const admin = api(request, tokens.admin);
    const acmeConnections = await query<{ id: string }>(
      `SELECT c.id FROM "Connection" c JOIN "Identifier" i ON i.id = c."identifierId" WHERE i.program IN ('d1', 'd1-ecom') AND c.environment = 'PRD' ORDER BY c.id`,
    );
    const exportBefore = (
      await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text()
    ).replace(/exported .*\n/, "");

    const created = await admin.post("/api/v1/publication-requests", {
      kind: "THALES_CLIENT_CA",
      connectionIds: acmeConnections.map((c) => c.id),
      content: rogue,
    });
    expect(created.status()).toBe(201);
    const body = await created.json();
    expect(body.request.state).toBe("PENDING");
    expect(body.request.targets).toHaveLength(acmeConnections.length);
    expect(
      body.request.targets.every((t: { trustStore: { added: { cn: string }[] } }) =>
        t.trustStore.added.some((a) => a.cn === "RogueThalesClient Root CA"),
      ),
    ).toBe(true);

    const before = await fingerprint({ withoutAudit: true });
    const refusals = await auditCount("publication.approve.refused");
    const own = await admin.post(`/api/v1/publication-requests/${body.request.id}/approve`);
    expect(own.status()).toBe(403);
    expect((await own.json()).message).toContain("second, different person");
    expect(await fingerprint({ withoutAudit: true })).toBe(before);
    expect(await auditCount("publication.approve.refused")).toBe(refusals + 1);
    const exportAfter = (
      await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text()
    ).replace(/exported .*\n/, "");
    expect(exportAfter).toBe(exportBefore);
    expect(pemFingerprints(exportAfter)).not.toContain(fingerprintOf(rogue));

    // A second person refuses it, with a reason; still nothing in force.
    const refused = await api(request, tokens.delivery1).post(
      `/api/v1/publication-requests/${body.request.id}/refuse`,
      { reason: "not announced by Thales PKI" },
    );
    expect(refused.status()).toBe(200);
    expect((await refused.json()).state).toBe("REFUSED");
    expect(
      pemFingerprints(
        await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text(),
      ),
    ).not.toContain(fingerprintOf(rogue));
    expect((await admin.post(`/api/v1/publication-requests/${body.request.id}/approve`)).status()).toBe(409);
  });

  test("over the API: a second person approves, the requester cannot, and a decided request stays decided", async ({
    request,
  }) => {
    const bundle = pki.serverChain("SodApiBundle", "unused.example").root;
    const requester = api(request, tokens.delivery2);
    const created = await requester.post("/api/v1/publication-requests", {
      kind: "D1_SERVER_CA_BUNDLE",
      connectionIds: [connections.PRD],
      content: bundle,
    });
    expect(created.status()).toBe(201);
    const { request: pending } = await created.json();
    expect(pending).toMatchObject({ state: "PENDING", approvalBlockedBecause: expect.stringContaining("own request") });
    expect(
      ((await (await requester.get("/api/v1/publication-requests")).json()) as { id: string }[]).map((r) => r.id),
    ).toContain(pending.id);
    expect((await api(request, tokens.acme).get(`/api/v1/publication-requests/${pending.id}`)).status()).toBe(403);

    const before = await fingerprint({ withoutAudit: true });
    expect((await requester.post(`/api/v1/publication-requests/${pending.id}/approve`)).status()).toBe(403);
    expect(await fingerprint({ withoutAudit: true })).toBe(before);
    const approver = api(request, tokens.delivery1);
    const detail = await (await approver.get(`/api/v1/publication-requests/${pending.id}`)).json();
    expect(detail).toMatchObject({
      approvalBlockedBecause: null,
      targets: [
        {
          connectionId: connections.PRD,
          trustStore: { added: [{ cn: "SodApiBundle Root CA", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] },
        },
      ],
    });
    const approved = await approver.post(`/api/v1/publication-requests/${pending.id}/approve`);
    expect(approved.status()).toBe(200);
    expect((await approved.json()).targets[0].versionId).toEqual(expect.any(String));
    expect(
      pemFingerprints(
        await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text(),
      ),
    ).toContain(fingerprintOf(bundle));
    const again = await approver.post(`/api/v1/publication-requests/${pending.id}/approve`);
    expect(again.status()).toBe(409);
    expect(
      (await approver.post(`/api/v1/publication-requests/${pending.id}/refuse`, { reason: "too late" })).status(),
    ).toBe(409);
    expect(
      ((await (await approver.get("/api/v1/publication-requests")).json()) as { id: string }[]).map((r) => r.id),
    ).not.toContain(pending.id);
    expect(
      (
        await approver.post("/api/v1/publication-requests", {
          kind: "THALES_CLIENT_CA",
          connectionIds: [connections.PRD, connections.PPR],
          content: bundle,
        })
      ).status(),
    ).toBe(422);
  });

  test("in the browser: no target pre-ticked, a preview of each trust store, and a second person's approval", async ({
    signedIn,
    request,
  }) => {
    test.setTimeout(120_000);
    const ca = pki.serverChain("SodBrowserClientCa", "unused.example").root;
    const serial = new X509Certificate(ca).serialNumber;
    const delivery = await signedIn(USERS.delivery1);
    // Narrowed to Production by the page's filter, the form starts there; "Tick all" is a click, never a default.
    await delivery.goto("/publish");
    await delivery.getByLabel("PreProd or Production").selectOption("PRD");
    await delivery.getByRole("button", { name: "Narrow" }).click();
    await expect(delivery).toHaveURL(/environment=PRD/);
    await expect(delivery.getByRole("combobox", { name: "Environment", exact: true })).toHaveValue("PRD");
    await delivery.getByLabel("What").selectOption("THALES_CLIENT_CA");
    const boxes = publishTargets(delivery).getByRole("checkbox");
    expect(await boxes.count()).toBeGreaterThan(1);
    for (const box of await boxes.all()) await expect(box).not.toBeChecked();
    await publishTargets(delivery)
      .getByRole("button", { name: /^Tick all/ })
      .click();
    for (const box of await boxes.all()) await expect(box).toBeChecked();
    await publishTargets(delivery).getByRole("button", { name: "Untick all" }).click();
    for (const box of await boxes.all()) await expect(box).not.toBeChecked();
    await publishTargets(delivery).locator(`input[value="${connections.PRD}"]`).check();
    await delivery.getByLabel("…or paste PEM").fill(ca);
    await delivery.getByRole("button", { name: "Preview changes" }).click();
    const confirmation = delivery.getByTestId("publish-confirmation");
    const added = confirmation.getByTestId("trust-store-added");
    await expect(added).toContainText("SodBrowserClientCa Root CA");
    await expect(added).toContainText(serial.replace(/^(00)+/, ""));
    const before = await fingerprint();
    await confirmation.getByRole("button", { name: "Request approval for 1 connection(s)" }).click();
    await expect(confirmation.getByRole("status")).toContainText("nothing changes until a second person approves it");
    expect(await fingerprint()).not.toBe(before);
    expect(
      pemFingerprints(
        await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text(),
      ),
    ).not.toContain(fingerprintOf(ca));
    await confirmation.getByRole("link", { name: "Open the request" }).click();
    await expect(delivery.getByTestId("approval-blocked")).toContainText("own request");
    const url = delivery.url();

    // The other delivery member finds it in the inbox and follows its link; the requester was not notified.
    const second = await signedIn(USERS.delivery2);
    await second.goto("/notifications?topic=approvals");
    const subject = `[PRD] ${identifier} · Thales client CA publication awaits a second approval`;
    const notice = second.getByTestId("notification").filter({ hasText: subject });
    await expect(notice).toHaveCount(1);
    await notice.getByRole("link").click();
    await expect(second).toHaveURL(url);
    await delivery.goto("/notifications?topic=approvals");
    await expect(delivery.getByTestId("notification").filter({ hasText: subject })).toHaveCount(0);
    await expect(second.getByTestId("publication-target")).toContainText("SodBrowserClientCa Root CA");
    await second.getByLabel(/I checked the targets/).check();
    await second.getByRole("button", { name: "Approve and publish" }).click();
    // The page re-renders as decided: published, by whom, with the version each target got.
    await expect(second.getByTestId("publication-state")).toHaveAttribute("data-state", "PUBLISHED");
    await expect(second.getByTestId("publication-state")).toContainText(`decided by ${USERS.delivery2}`);
    await expect(second.getByTestId("publication-target")).toContainText("Published.");
    expect(
      pemFingerprints(
        await (await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).text(),
      ),
    ).toContain(fingerprintOf(ca));
  });
});
