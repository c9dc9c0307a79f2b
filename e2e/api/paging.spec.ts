import { test, expect, USERS } from "../support/fixtures";
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
