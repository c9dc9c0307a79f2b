import { test, expect, USERS } from "./support/fixtures";
import { query } from "./support/db";
import { apiToken } from "./api/support";

/**
 * Issue 15: search by serial, fingerprint, subject or identifier. Thales finds any organization's certificate
 * (with a CSV export of the results); a customer searching another organization's serial gets an empty result,
 * not an error, on the page and through the API.
 */
/** A certificate of Acme's that no other organization holds (shared Thales CAs would be found by both). */
async function acmeCertificate(): Promise<{ serial: string; sha256: string; versionId: string }> {
  const rows = await query<{ id: string; report: string; sha256: string }>(
    `SELECT v.id, v.report, v.sha256 FROM "AssetVersion" v JOIN "Organization" o ON o.id = v."organizationId"
     WHERE o.name = 'Acme Bank' AND v."serialHex" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "AssetVersion" w WHERE w."serialHex" = v."serialHex" AND w."organizationId" <> v."organizationId")
     ORDER BY v."createdAt", v.id`,
  );
  const row = rows[0]!;
  const serial = (JSON.parse(row.report) as { certificates: { serialNumber: string }[] }).certificates[0]!.serialNumber;
  return { serial, sha256: row.sha256, versionId: row.id };
}

test("Thales finds Acme's certificate by serial with colons and exports the results; Globex finds nothing", async ({
  signedIn,
}) => {
  const { serial, versionId } = await acmeCertificate();
  const colons = serial.toLowerCase().match(/../g)!.join(":");

  const delivery = await signedIn(USERS.delivery1);
  await delivery.getByRole("link", { name: "Search", exact: true }).click();
  await delivery.getByLabel("Search for").fill(colons);
  await delivery.getByRole("button", { name: "Search" }).click();
  const hit = delivery.locator(`[data-testid="search-hit"][data-version="${versionId}"]`);
  await expect(hit).toContainText("Acme Bank");
  await expect(hit).toContainText(serial);
  const csv = await delivery.request.get((await delivery.getByTestId("search-export").getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("serial,sha256");
  expect(text).toContain(`"${serial}"`);
  expect(text).toContain(versionId);

  // Acme's own customer finds it too; Globex's customer gets an empty result, not an error.
  const acme = await signedIn(USERS.acme);
  await acme.goto(`/search?q=${encodeURIComponent(serial)}`);
  await expect(acme.locator(`[data-testid="search-hit"][data-version="${versionId}"]`)).toBeVisible();
  const globex = await signedIn(USERS.globex);
  const page = await globex.goto(`/search?q=${encodeURIComponent(colons)}`);
  expect(page!.status()).toBe(200);
  await expect(globex.getByTestId("search-empty")).toBeVisible();
  await expect(globex.getByTestId("search-hit")).toHaveCount(0);
  const globexCsv = await globex.request.get(`/search/export.csv?q=${encodeURIComponent(serial)}`);
  expect(globexCsv.status()).toBe(200);
  expect((await globexCsv.text()).trim().split("\r\n")).toHaveLength(1);

  // A query nobody could mean gets a clear message, not a 500.
  const empty = await globex.goto(`/search?q=${"x".repeat(300)}`);
  expect(empty!.status()).toBe(200);
  await expect(globex.getByTestId("search-invalid")).toBeVisible();
});

test("GET /api/v1/search: a token finds its own organization's serial and nothing of another's", async ({
  request,
}) => {
  const { serial, sha256, versionId } = await acmeCertificate();
  const ask = async (email: string, q: string) => {
    const response = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${apiToken(email, "search")}` },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { items: { versionId: string }[]; hasMore: boolean };
  };
  expect((await ask(USERS.acme, serial)).items.map((i) => i.versionId)).toContain(versionId);
  expect((await ask(USERS.delivery1, sha256)).items.map((i) => i.versionId)).toContain(versionId);
  expect((await ask(USERS.globex, serial)).items).toEqual([]);
  const bad = await request.get("/api/v1/search?q=", {
    headers: { authorization: `Bearer ${apiToken(USERS.globex, "search")}` },
  });
  expect(bad.status()).toBe(422);
});
