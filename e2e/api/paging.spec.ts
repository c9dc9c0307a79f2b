import { test, expect, asUser, createIdentifier, USERS } from "../support/fixtures";
import { uniqueIdentifier } from "../support/pki";
import { api, apiToken } from "./support";

type Row = { id: string; organization: string };

/** Follows `Link: rel="next"` from a first page to the end; the ids in the order served. */
async function walk(client: ReturnType<typeof api>, first: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const response = await client.get(url);
    expect(response.status(), url).toBe(200);
    ids.push(...((await response.json()) as Row[]).map((r) => r.id));
    pages += 1;
    url = /^<([^>]+)>; rel="next"$/.exec(response.headers()["link"] ?? "")?.[1];
    expect(pages, "the Link chain ends").toBeLessThan(200);
  }
  return { ids, pages };
}

test("GET /api/v1/connections pages with a cursor: the Link chain serves every connection once, in order, within the caller's tenancy", async ({
  request,
}) => {
  const delivery = api(request, apiToken(USERS.delivery1));
  const everything = (await (await delivery.get("/api/v1/connections?limit=1000")).json()) as Row[];
  expect(everything.length).toBeGreaterThan(3);

  // Pages of 2 with a filter kept across pages: the same rows as one big page, none twice, none lost.
  const paged = await walk(delivery, "/api/v1/connections?limit=2");
  expect(paged.ids).toEqual(everything.map((r) => r.id));
  expect(paged.pages).toBe(Math.ceil(everything.length / 2));
  const ppr = await walk(delivery, "/api/v1/connections?limit=1&environment=PPR");
  expect(ppr.ids).toEqual(
    ((await (await delivery.get("/api/v1/connections?environment=PPR")).json()) as Row[]).map((r) => r.id),
  );

  // The last page has no Link; a default-size page of a small install is the whole list.
  const whole = await delivery.get("/api/v1/connections");
  expect(whole.headers()["link"]).toBeUndefined();
  expect(((await whole.json()) as Row[]).length).toBe(everything.length);

  // A customer's pages never leave its organization, even when handed a cursor made from staff's pages.
  const acme = api(request, apiToken(USERS.acme));
  const acmeAll = ((await (await acme.get("/api/v1/connections?limit=1000")).json()) as Row[]).map((r) => r.id);
  expect(acmeAll.length).toBeGreaterThan(0);
  expect(acmeAll.length).toBeLessThan(everything.length);
  expect((await walk(acme, "/api/v1/connections?limit=1")).ids).toEqual(acmeAll);
  const staffLink = (await delivery.get("/api/v1/connections?limit=1")).headers()["link"]!;
  const staffCursor = /cursor=([^&>]+)/.exec(staffLink)![1]!;
  const fromStaffCursor = (await (
    await acme.get(`/api/v1/connections?limit=1000&cursor=${staffCursor}`)
  ).json()) as Row[];
  for (const row of fromStaffCursor) expect(acmeAll).toContain(row.id);

  // A cursor the endpoint did not give out is a 422 with a message, never a 500.
  for (const cursor of ["x", "W10", Buffer.from('["a",1,"b","c"]').toString("base64url"), "A".repeat(1001)]) {
    const bad = await delivery.get(`/api/v1/connections?cursor=${cursor}`);
    expect(bad.status(), cursor).toBe(422);
    expect((await bad.json()).error).toBe("INVALID_INPUT");
  }
});

test("an asset's versions come a page at a time, in the API (Link header), on the connection page (the newest ten, then older) and beside a version", async ({
  request,
  browser,
  baseURL,
  signedIn,
}) => {
  const connections = await asUser(browser, baseURL, USERS.admin, (admin) =>
    createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: uniqueIdentifier("PAGEV") }),
  );
  const acme = api(request, apiToken(USERS.acme));
  let assetId = "";
  const versionIds: string[] = [];
  for (let i = 1; i <= 23; i++) {
    const stored = await acme.post(`/api/v1/connections/${connections.PPR}/assets`, {
      kind: "ISSUER_HOST",
      host: `h${i}.paging.acme-bank.example`,
      port: 443,
    });
    expect(stored.status(), `upload ${i}`).toBe(201);
    const answer = await stored.json();
    assetId = answer.asset.id;
    versionIds.push(answer.version.id);
  }
  type Detail = {
    state: string;
    versions: { id: string; seq: number; host: string }[];
    history: { versionId: string }[];
  };
  const one = await acme.get(`/api/v1/assets/${assetId}`);
  expect(one.headers()["link"], "23 versions fit the default page").toBeUndefined();
  const whole = (await one.json()) as Detail;
  expect(whole.versions.map((v) => v.seq)).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
  expect(whole).toMatchObject({ historyTruncated: false });

  // Pages of 5 follow the Link header to the end: every version once, newest first, the asset's state on each.
  const seen: string[] = [];
  let url: string | undefined = `/api/v1/assets/${assetId}?limit=5`;
  let pages = 0;
  while (url) {
    const response = await acme.get(url);
    expect(response.status(), url).toBe(200);
    const page = (await response.json()) as Detail;
    expect(page.state).toBe(whole.state);
    expect(page.versions.length).toBeLessThanOrEqual(5);
    const ids = new Set(page.versions.map((v) => v.id));
    expect(page.history.every((e) => ids.has(e.versionId))).toBe(true);
    seen.push(...page.versions.map((v) => v.id));
    url = /^<([^>]+)>; rel="next"$/.exec(response.headers()["link"] ?? "")?.[1];
    expect(++pages, "the Link chain ends").toBeLessThan(10);
  }
  expect(pages).toBe(5);
  expect(seen).toEqual(whole.versions.map((v) => v.id));
  const cursor = (key: string) => `cursor=${Buffer.from(key).toString("base64url")}`;
  const badCursors = ['["0"]', '["-1"]', "[5]", '["1e3"]', '["9999999999"]', '["1","2"]', "{}"].map(cursor);
  for (const query of ["limit=0", "limit=201", "limit=x", "cursor=x", ...badCursors]) {
    const bad = await acme.get(`/api/v1/assets/${assetId}?${query}`);
    expect(bad.status(), query).toBe(422);
    expect((await bad.json()).error).toBe("INVALID_INPUT");
  }
  // The connection's asset list: each asset's state, without its history; another organization's is a 404.
  const list = (await (await acme.get(`/api/v1/connections/${connections.PPR}/assets`)).json()) as { id: string }[];
  expect(list.map((a) => a.id)).toContain(assetId);
  for (const summary of list) {
    const { id, kind, direction, state, currentVersion } = await (
      await acme.get(`/api/v1/assets/${summary.id}?limit=1`)
    ).json();
    expect(summary).toEqual({ id, kind, direction, state, currentVersion });
  }
  const globex = api(request, apiToken(USERS.globex));
  expect((await globex.get(`/api/v1/connections/${connections.PPR}/assets`)).status()).toBe(404);
  expect((await globex.get(`/api/v1/assets/${assetId}?limit=5`)).status()).toBe(404);

  // The page: the ten newest, the count, and the way to the two oldest and back.
  const page = await signedIn(USERS.acme);
  await page.goto(`/connections/${connections.PPR}`);
  const slot = page.locator('[data-testid="asset-slot"][data-kind="ISSUER_HOST"]');
  const seqs = async () =>
    slot.getByTestId("version-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-version")));
  const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => String(from - i));
  expect(await seqs()).toEqual(range(23, 14));
  await expect(slot.getByTestId("version-pager")).toContainText("23 versions in all");
  await slot.getByTestId("older-versions").click();
  await expect(page).toHaveURL(/history=ISSUER_HOST&before=14$/);
  await expect(slot.getByTestId("version-row").first()).toHaveAttribute("data-version", "13");
  expect(await seqs()).toEqual(range(13, 4));
  await slot.getByTestId("older-versions").click();
  await expect(slot.getByTestId("version-row")).toHaveCount(3);
  expect(await seqs()).toEqual(range(3, 1));
  await expect(slot.getByTestId("older-versions")).toHaveCount(0);
  await slot.getByRole("link", { name: "← Newest" }).click();
  await expect(slot.getByTestId("version-row")).toHaveCount(10);

  // A version's page lists the newest version and those next to it, says how many there are, and links to the rest.
  await page.goto(`/versions/${versionIds[0]}`);
  await expect(page.getByTestId("history-count")).toContainText("12 of 23 versions");
  await page.getByTestId("history-count").getByRole("link").click();
  await expect(page).toHaveURL(/history=ISSUER_HOST&before=2$/);
  expect(await seqs()).toEqual(["1"]);
});
