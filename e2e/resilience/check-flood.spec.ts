import { expect, test } from "@playwright/test";
import { apiToken, createIdentifierAsAdmin } from "../api/support";
import { query } from "../support/db";
import { startServer, type ExtraServer } from "../support/extra-server";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { unterminatedBegins } from "../../lib/pki/test-hostile";

/**
 * A flood of PKI checks (upload API and /api/v1/check) against a server whose check queue is small
 * (PORTAL_CHECK_QUEUE=2, one check thread, one process): what does not fit is refused at once with 503 BUSY and
 * Retry-After, a refused upload stores nothing, and the server checks normally once the flood is over.
 */
let server: ExtraServer;
let token: string;
let PPR: string;
const identifier = uniqueIdentifier("FLOOD");
const pki = new Workdir();

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
  const versions = await query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE a."connectionId" = $1 AND a.kind = $2`,
    [PPR, "CUSTOMER_CSR"],
  );
  expect(Number(versions[0]!.n)).toBe(stored);

  // The flood is over: the next check is answered.
  const after = await post("/api/v1/check", { ...slow, content: unterminatedBegins(5) });
  expect(after.status).toBe(200);
});
