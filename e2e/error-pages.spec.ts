import { test, expect, USERS } from "./support/fixtures";

test("an unknown page is the branded 404 with a way back, for signed-in and signed-out visitors", async ({
  page,
  signedIn,
}) => {
  for (const visitor of [page, await signedIn(USERS.acme)]) {
    const response = await visitor.goto("/no-such-page/here");
    expect(response!.status()).toBe(404);
    await expect(visitor.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(visitor.getByText("This page could not be found.")).toHaveCount(0);
    await expect(visitor.getByTestId("error-reference")).toContainText("request ");
    await visitor.getByRole("link", { name: "Back to the portal" }).click();
    await expect(visitor).not.toHaveURL(/no-such-page/);
  }
});

test("a missing download or trust store opened in a browser is the branded page; API clients keep JSON", async ({
  page,
  signedIn,
}) => {
  const acme = await signedIn(USERS.acme);
  const files = ["/download/versions/no-such-version?format=pem", "/connections/no-such-connection/trust-store.pem"];
  for (const url of files) {
    // A browser tab (Accept: text/html…): the portal's page, status kept.
    const opened = await acme.goto(url);
    expect(opened!.status(), url).toBe(404);
    expect(opened!.headers()["content-type"]).toContain("text/html");
    await expect(acme.getByRole("heading", { name: "File not found" })).toBeVisible();
    await expect(acme.getByRole("link", { name: "Back to the portal" })).toHaveAttribute("href", "/");
    // A script with the same session asking for JSON (or not asking for HTML): the error body it parses.
    for (const accept of ["application/json", "*/*"]) {
      const response = await acme.request.get(url, { headers: { accept } });
      expect(response.status(), `${url} ${accept}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: "NOT_FOUND" });
    }
  }
  // Signed out, the browser is told to sign in (401 kept), with the link to do so.
  const signedOut = await page.goto(files[0]!);
  expect(signedOut!.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "Please sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
  // The REST API answers JSON even to a browser tab.
  const api = await acme.goto("/api/v1/assets/no-such-asset");
  expect(api!.headers()["content-type"]).toContain("application/json");
});

test("a filter parameter sent twice counts by its first value on every filtered page, never a 500", async ({
  signedIn,
}) => {
  const as = {
    delivery: await signedIn(USERS.delivery1),
    admin: await signedIn(USERS.admin),
    acme: await signedIn(USERS.acme),
  };
  const urls: [keyof typeof as, string][] = [
    ["delivery", "/?program=d1&program=tsh&page=1&page=2"],
    ["delivery", "/publish?organizationId=a&organizationId=b&program=d1&program=x"],
    ["delivery", "/review?organizationId=a&organizationId=b&state=SUBMITTED&state=x"],
    ["delivery", "/expiring?environment=PPR&environment=PRD"],
    ["delivery", "/search?q=ACME&q=GLOBEX&page=1&page=2"],
    ["admin", "/admin/organizations?q=acme&q=globex&page=1&page=2"],
    ["admin", "/admin/users?q=ops&q=viewer"],
    ["acme", "/ca-changes?announced=1&announced=2"],
  ];
  for (const [who, url] of urls) {
    const response = await as[who].goto(url);
    expect(response!.status(), url).toBe(200);
    await expect(as[who].getByRole("heading", { level: 1 }), url).toBeVisible();
  }
});
