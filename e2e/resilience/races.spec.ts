import type { APIRequestContext, APIResponse } from "@playwright/test";
import { test, expect, asUser, createIdentifier, USERS } from "../support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { apiToken } from "../api/support";
import { openTestDb, q, type TestDb } from "../support/db";

/**
 * Races (issue 6): 50 concurrent approve requests on one CSR, then 50 concurrent issue requests, from two
 * reviewers' tokens at once → exactly one transition, one Review row, one audit event, one certificate; the
 * losers get 409, never a 5xx. PRD's four-eyes rule holds under the same pressure from one reviewer alone.
 */
test.describe.configure({ mode: "serial" });

const N = 50;
const pki = new Workdir();
const identifier = uniqueIdentifier("RACE");
let connections: { PPR: string; PRD: string };
let tokens: Record<"acme" | "delivery1" | "delivery2", string>;
let db: TestDb;
let pprCsrAsset: string;
let pprCsrVersion: string;

test.beforeAll(async ({ browser, baseURL }) => {
  connections = await asUser(browser, baseURL, USERS.admin, (admin) =>
    createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: identifier }),
  );
  tokens = {
    acme: apiToken(USERS.acme, "race"),
    delivery1: apiToken(USERS.delivery1, "race"),
    delivery2: apiToken(USERS.delivery2, "race"),
  };
  db = await openTestDb(process.env.E2E_DATABASE_URL_IN_USE);
});

test.afterAll(async () => {
  await db?.close();
});

async function uploadCsr(
  request: APIRequestContext,
  env: "PPR" | "PRD",
): Promise<{ assetId: string; versionId: string }> {
  const csr = pki.csr(
    `race-${env}`,
    `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.${env}`)}`,
  );
  const response = await request.post(`/api/v1/connections/${connections[env]}/assets`, {
    headers: { authorization: `Bearer ${tokens.acme}` },
    data: { kind: "CUSTOMER_CSR", content: csr.csrPem, acceptWarnings: true },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  return { assetId: body.asset.id, versionId: body.version.id };
}

/** Fires all requests at once (no awaiting in between) and returns the statuses with their bodies. */
async function storm(
  request: APIRequestContext,
  url: string,
  tokenFor: (i: number) => string,
  n = N,
): Promise<{ status: number; body: string }[]> {
  const responses: APIResponse[] = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      request.post(url, { headers: { authorization: `Bearer ${tokenFor(i)}` }, data: {} }),
    ),
  );
  return Promise.all(responses.map(async (r) => ({ status: r.status(), body: await r.text() })));
}

function tally(results: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return Number((await db.all(q(db, sql), params))[0]!.n);
}

test("50 concurrent approvals by two reviewers on one PreProd CSR: one 200, 49 × 409, one Review, one approve_final", async ({
  request,
}) => {
  ({ assetId: pprCsrAsset, versionId: pprCsrVersion } = await uploadCsr(request, "PPR"));
  const results = await storm(request, `/api/v1/assets/${pprCsrAsset}/approve`, (i) =>
    i % 2 ? tokens.delivery2 : tokens.delivery1,
  );
  expect(tally(results)).toEqual({ 200: 1, 409: N - 1 });
  const winner = JSON.parse(results.find((r) => r.status === 200)!.body);
  expect(winner).toMatchObject({ versionId: pprCsrVersion, state: "APPROVED" });
  for (const loser of results.filter((r) => r.status === 409))
    expect(JSON.parse(loser.body)).toMatchObject({ error: "CONFLICT", message: expect.any(String) });

  expect(await count(`SELECT COUNT(*) AS n FROM "Review" WHERE "versionId" = ?`, [pprCsrVersion])).toBe(1);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "targetId" = ? AND action = ?`, [
      pprCsrVersion,
      "asset.approve_final",
    ]),
  ).toBe(1);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "targetId" = ? AND action LIKE ?`, [
      pprCsrVersion,
      "asset.approve%",
    ]),
  ).toBe(1);
  const version = (await db.all(q(db, `SELECT state FROM "AssetVersion" WHERE id = ?`), [pprCsrVersion]))[0]!;
  expect(version.state).toBe("APPROVED");
  const asset = (await db.all(q(db, `SELECT "currentVersionId" FROM "Asset" WHERE id = ?`), [pprCsrAsset]))[0]!;
  expect(asset.currentVersionId).toBe(pprCsrVersion);
});

test("50 concurrent issue requests on the approved CSR: one 200, one certificate version, one CA signature event", async ({
  request,
}) => {
  expect(pprCsrAsset, "the approval race ran first").toBeDefined();
  const results = await storm(request, `/api/v1/assets/${pprCsrAsset}/issue`, (i) =>
    i % 2 ? tokens.delivery1 : tokens.delivery2,
  );
  expect(tally(results)).toEqual({ 200: 1, 409: N - 1 });
  const winner = JSON.parse(results.find((r) => r.status === 200)!.body);
  expect(winner).toMatchObject({ versionId: pprCsrVersion, state: "ISSUED", certificateVersionId: expect.any(String) });

  const issued = await db.all(
    q(
      db,
      `SELECT v.id, v.state, v."issuedFromVersionId" FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE a."connectionId" = ? AND a.kind = ?`,
    ),
    [connections.PPR, "ISSUED_TLS_CLIENT_CERTIFICATE"],
  );
  expect(issued).toEqual([{ id: winner.certificateVersionId, state: "PUBLISHED", issuedFromVersionId: pprCsrVersion }]);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "targetId" = ? AND action = ?`, [
      pprCsrVersion,
      "asset.issue",
    ]),
  ).toBe(1);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = ? AND details LIKE ?`, [
      "ca.signed",
      `%${pprCsrVersion}%`,
    ]),
  ).toBe(1);
  expect((await db.all(q(db, `SELECT state FROM "AssetVersion" WHERE id = ?`), [pprCsrVersion]))[0]!.state).toBe(
    "ISSUED",
  );
  // The API agrees: one certificate, downloadable.
  const cert = await request.get(`/api/v1/assets/${winner.certificateAssetId}`, {
    headers: { authorization: `Bearer ${tokens.acme}` },
  });
  expect((await cert.json()).versions).toHaveLength(1);
});

test("Production four-eyes under pressure: 25 concurrent approvals by one reviewer count once, then 25 by the second finish it", async ({
  request,
}) => {
  const { assetId, versionId } = await uploadCsr(request, "PRD");
  const first = await storm(request, `/api/v1/assets/${assetId}/approve`, () => tokens.delivery1, 25);
  expect(tally(first)).toEqual({ 200: 1, 409: 24 });
  expect(JSON.parse(first.find((r) => r.status === 200)!.body).state).toBe("IN_REVIEW");
  expect(await count(`SELECT COUNT(*) AS n FROM "Review" WHERE "versionId" = ?`, [versionId])).toBe(1);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "targetId" = ? AND action = ?`, [
      versionId,
      "asset.approve_partial",
    ]),
  ).toBe(1);

  const second = await storm(request, `/api/v1/assets/${assetId}/approve`, () => tokens.delivery2, 25);
  expect(tally(second)).toEqual({ 200: 1, 409: 24 });
  expect(JSON.parse(second.find((r) => r.status === 200)!.body).state).toBe("APPROVED");
  const reviewers = await db.all(
    q(
      db,
      `SELECT u.email FROM "Review" r JOIN "User" u ON u.id = r."reviewerId" WHERE r."versionId" = ? ORDER BY u.email`,
    ),
    [versionId],
  );
  expect(reviewers.map((r) => r.email)).toEqual([USERS.delivery1, USERS.delivery2]);
  expect(
    await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "targetId" = ? AND action = ?`, [
      versionId,
      "asset.approve_final",
    ]),
  ).toBe(1);
});
