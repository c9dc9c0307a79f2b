import type { Page } from "@playwright/test";
import { test, expect, USERS, connectionIdOnBoard, invitedCustomer, whoamiEmail } from "./support/fixtures";

/** Every asset slot's versions of a connection page, as "KIND v<seq> STATE" lines (what must not change). */
async function versionSnapshot(page: Page, connectionId: string): Promise<string[]> {
  await page.goto(`/connections/${connectionId}`);
  await expect(page.getByTestId("asset-slot").first()).toBeVisible();
  const lines: string[] = [];
  for (const slot of await page.getByTestId("asset-slot").all()) {
    const kind = await slot.getAttribute("data-kind");
    for (const row of await slot.getByTestId("version-row").all()) {
      lines.push(
        `${kind} v${await row.getAttribute("data-version")} ${await row.getByTestId("state").getAttribute("data-state")}`,
      );
    }
  }
  return lines;
}

test("a Globex user gets 404 on every Acme page, download and trust store, and changes nothing", async ({
  signedIn,
}) => {
  const acme = await signedIn(USERS.acme);
  const acmePrd = await connectionIdOnBoard(acme, "ACME01", "PRD");
  const before = await versionSnapshot(acme, acmePrd);
  expect(before).toContain("CUSTOMER_CSR v1 IN_REVIEW");
  const csrRow = acme
    .locator('[data-testid="asset-slot"][data-kind="CUSTOMER_CSR"] [data-testid="version-row"]')
    .first();
  const versionHref = (await csrRow.getByRole("link", { name: "v1" }).getAttribute("href"))!;
  const versionId = versionHref.replace("/versions/", "");
  const downloadHref = (await csrRow.getByTestId("download-pem").getAttribute("href"))!;
  const trustStoreHref = (await acme.getByTestId("trust-store-link").getAttribute("href"))!;
  // The owner can use all of them (so a 404 below is about the tenant, not a broken URL).
  expect((await acme.request.get(downloadHref)).status()).toBe(200);
  expect((await acme.request.get(trustStoreHref)).status()).toBe(200);
  expect((await acme.goto(`/connections/${acmePrd}/upload/ISSUER_HOST`))!.status()).toBe(200);

  // A Globex customer: a fresh one, since auth.spec.ts locks ops@globex.test (10 failures) for 15 minutes.
  const admin = await signedIn(USERS.admin);
  const globex = await invitedCustomer(admin, signedIn, "Globex Pay");
  const globexEmail = await whoamiEmail(globex);
  await globex.goto("/");
  await expect(globex.locator('[data-testid="identifier-group"][data-identifier="GLOBEX9"]')).toBeVisible();
  await expect(globex.locator('[data-testid="identifier-group"][data-identifier="ACME01"]')).toHaveCount(0);
  await expect(globex.getByTestId("identifier-group")).toHaveCount(1);

  for (const url of [
    `/connections/${acmePrd}`,
    versionHref,
    `/connections/${acmePrd}/upload/CUSTOMER_CSR`,
    `/connections/${acmePrd}/upload/ISSUER_HOST`,
  ]) {
    const response = await globex.goto(url);
    expect(response!.status(), url).toBe(404);
    await expect(globex.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(globex.locator("body")).not.toContainText("ACME01");
    await expect(globex.locator("body")).not.toContainText("Acme Bank");
  }
  for (const url of [
    downloadHref,
    `/download/versions/${versionId}?format=der`,
    trustStoreHref,
    `${trustStoreHref}?audience=customer`,
    `${trustStoreHref}?audience=thales-backend`,
  ]) {
    const response = await globex.request.get(url);
    expect(response.status(), url).toBe(404);
    const body = await response.text();
    expect(body).not.toContain("-----BEGIN");
    expect(body).not.toContain("ACME01");
    expect(JSON.parse(body)).toMatchObject({ error: "NOT_FOUND" });
    // The same link opened in a tab: the branded page, still a 404, and still nothing of Acme's.
    const opened = await globex.goto(url);
    expect(opened!.status(), url).toBe(404);
    await expect(globex.getByRole("heading", { name: "File not found" })).toBeVisible();
    await expect(globex.locator("body")).not.toContainText("ACME01");
  }

  // Nothing changed for Acme, and the audit log holds no download or export by Globex of Acme's objects.
  expect(await versionSnapshot(acme, acmePrd)).toEqual(before);
  const csv = await admin.request.get(`/audit/export.csv?actor=${encodeURIComponent(globexEmail)}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("auth.login.success");
  expect(text).not.toContain(acmePrd);
  expect(text).not.toContain(versionId);
  expect(text).not.toContain("ACME01");
  const lines = text.trim().split("\r\n").slice(1);
  expect(
    lines.filter((line) =>
      /asset\.downloaded|trust-store\.exported|asset\.(approved|rejected|withdrawn|acknowledged)/.test(line),
    ),
  ).toEqual([]);
  expect(lines.filter((line) => line.includes("asset.uploaded"))).toEqual([]);
});
