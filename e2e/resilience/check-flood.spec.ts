import { expect, test } from "@playwright/test";
import { apiToken, createIdentifierAsAdmin } from "../api/support";
import { USERS, signIn, uniqueIp } from "../support/fixtures";
import { query } from "../support/db";
import { startServer, type ExtraServer } from "../support/extra-server";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { unterminatedBegins } from "../../lib/pki/test-hostile";

/**
 * A flood of PKI checks (upload API and /api/v1/check) against a server whose check queue is small
 * (PORTAL_CHECK_QUEUE=2, one check thread, one process): what does not fit is refused at once with 503 BUSY and
 * Retry-After, a refused upload stores nothing, and the server checks normally once the flood is over. In the
 * browser, the upload form says so and keeps what was pasted, so sending it again once the flood is over stores it.
 */
let server: ExtraServer;
let token: string;
let PPR: string;
const identifier = uniqueIdentifier("FLOOD");
const pki = new Workdir();
/** The CSR versions stored on the flood's PreProd connection. */
const storedCsrs = async () =>
  Number(
    (
      await query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE a."connectionId" = $1 AND a.kind = $2`,
        [PPR, "CUSTOMER_CSR"],
      )
    )[0]!.n,
  );

test.beforeAll(async () => {
  ({ PPR } = createIdentifierAsAdmin("Acme Bank", "d1", identifier));
  token = apiToken("ops@acme.test", "flood");
  server = await startServer({
    DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE,
    PORTAL_WORKERS: "1",
    PORTAL_CHECK_WORKERS: "1",
    PORTAL_CHECK_QUEUE: "2",
    PORTAL_JOBS: "off",
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test("checks past the queue are refused with 503 BUSY and Retry-After; refused uploads store nothing", async () => {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = (path: string, body: unknown) =>
    fetch(server.baseURL + path, { method: "POST", headers, body: JSON.stringify(body) });
  // Slow enough to occupy the one check thread while the rest arrive (~100 ms of scanning each).
  const slow = {
    kind: "CUSTOMER_TRUST_STORE",
    program: "d1",
    environment: "PPR",
    identifier,
    content: unterminatedBegins(400),
  };
  const csr = (i: number) =>
    pki.csr(`flood-${i}`, `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PPR`)}`)
      .csrPem;
  const uploads = Array.from({ length: 6 }, (_, i) => ({
    kind: "CUSTOMER_CSR",
    content: csr(i),
    acceptWarnings: true,
  }));

  const responses = await Promise.all([
    ...Array.from({ length: 10 }, () => post("/api/v1/check", slow)),
    ...uploads.map((body) => post(`/api/v1/connections/${PPR}/assets`, body)),
  ]);
  const answers = await Promise.all(
    responses.map(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.json() })),
  );
  const busy = answers.filter((a) => a.status === 503);
  expect(busy.length, JSON.stringify(answers.map((a) => a.status))).toBeGreaterThan(0);
  for (const answer of busy) {
    expect(answer.body).toMatchObject({ error: "BUSY" });
    expect(answer.retryAfter).toBe("2");
  }
  // Every answer is a check's verdict, a stored upload, BUSY, or (PostgreSQL) 409 for an upload that raced another
  // to the same connection: no 500, no stall.
  expect(
    answers.every((a) => [200, 201, 409, 503].includes(a.status)),
    JSON.stringify(answers),
  ).toBe(true);

  const stored = answers.slice(10).filter((a) => a.status === 201).length;
  expect(await storedCsrs()).toBe(stored);

  // The flood is over: the next check is answered.
  const after = await post("/api/v1/check", { ...slow, content: unterminatedBegins(5) });
  expect(after.status).toBe(200);
});

test("in the browser: a refused upload says the portal is busy, keeps the pasted CSR, and stores it when sent again", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    baseURL: server.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueIp() },
  });
  const page = await context.newPage();
  await signIn(page, USERS.acme);
  const dn = "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments";
  // A fresh CSR for each attempt: one stored meanwhile would make the next the same upload again.
  const csrs = Array.from(
    { length: 3 },
    (_, i) => pki.csr(`busy-form-${i}`, `${dn}/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PPR`)}`).csrPem,
  );
  let good = csrs[0]!;
  const before = await storedCsrs();
  await page.goto(`/connections/${PPR}/upload/CUSTOMER_CSR`);
  await page.getByLabel("…or paste PEM text").fill(good);

  // A flood that keeps the one check thread and its queue of two full: eight senders, each sending its next slow
  // check as soon as the last is answered (refused ones at once), until told to stop.
  let flooding = true;
  let storedMeanwhile = 0;
  const senders = Array.from({ length: 8 }, async () => {
    while (flooding) {
      const r = await fetch(server.baseURL + "/api/v1/check", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          kind: "CUSTOMER_TRUST_STORE",
          program: "d1",
          environment: "PPR",
          identifier,
          content: unterminatedBegins(400),
        }),
      });
      await r.arrayBuffer();
    }
  });
  try {
    // The queue is full once a check sent now is refused.
    await expect
      .poll(
        async () =>
          (
            await fetch(server.baseURL + "/api/v1/check", {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({
                kind: "CUSTOMER_CSR",
                program: "d1",
                environment: "PPR",
                identifier,
                content: good,
              }),
            })
          ).status,
      )
      .toBe(503);
    // A slot frees for a moment each time a check ends, so the form's check can slip in; then it is stored, which is
    // not what this test is about: it sends again (up to three times) until refused.
    const message = page.getByTestId("form-message");
    for (let attempt = 0; attempt < 3 && !(await message.isVisible()); attempt++) {
      if (attempt > 0) {
        good = csrs[attempt]!;
        await page.goto(`/connections/${PPR}/upload/CUSTOMER_CSR`);
        await page.getByLabel("…or paste PEM text").fill(good);
      }
      await page.getByRole("button", { name: "Submit to Thales" }).click();
      const stored = await Promise.race([
        message.waitFor().then(() => false),
        page.waitForURL(/\/versions\//).then(() => true),
      ]);
      if (stored) storedMeanwhile++;
    }
    await expect(message).toHaveText(
      "The portal is checking too many files at once. Nothing was stored; send this one again in a moment.",
    );
    await expect(message).toHaveAttribute("role", "alert");
    // Nothing lost: the pasted CSR is still in the box.
    await expect(page.getByLabel("…or paste PEM text")).toHaveValue(good);
  } finally {
    flooding = false;
    await Promise.all(senders);
  }
  // The refusal stored nothing.
  expect(await storedCsrs()).toBe(before + storedMeanwhile);
  // Sent again once the flood is over: stored, as the message promised.
  await page.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(page).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  expect(await storedCsrs()).toBe(before + storedMeanwhile + 1);
  await context.close();
});
