import http from "node:http";
import { expect, test } from "@playwright/test";
import { apiToken, createIdentifierAsAdmin } from "../api/support";
import { query } from "../support/db";
import { jsonLines, startServer, type ExtraServer } from "../support/extra-server";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";

/**
 * `npm start` with two workers (PORTAL_WORKERS=2, scripts/cluster.mjs): both serve requests, concurrent uploads
 * through both are all stored or refused as conflicts (on SQLite: all stored), one scrape of /api/metrics sums what
 * both counted, and a worker that dies is replaced while the other keeps serving. Run on SQLite and on PostgreSQL.
 */
const METRICS_TOKEN = "metrics-token-for-cluster-0123456789";
let server: ExtraServer;

test.beforeAll(async () => {
  server = await startServer({
    DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE,
    PORTAL_WORKERS: "2",
    PORTAL_METRICS_TOKEN: METRICS_TOKEN,
    PORTAL_JOBS: "off",
    LOG_LEVEL: "info",
  });
});
test.afterAll(async () => {
  await server?.stop();
});

/** One request on its own TCP connection (the primary hands connections to the workers in turn). */
function send(
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(server.baseURL + path, { method, agent: false, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}
const get = (path: string, headers: Record<string, string> = {}) => send("GET", path, headers);

const listening = () => jsonLines(server.logs()).filter((line) => line.msg === "portal worker listening");
const liveLines = () =>
  jsonLines(server.logs()).filter(
    (line) => line.msg === "request" && line.route === "/api/health/live" && line.status === 200,
  );
const scrapedLive = async () => {
  const { body } = await get("/api/metrics", { authorization: `Bearer ${METRICS_TOKEN}` });
  return Number(
    /portal_http_requests_total\{method="GET",route="\/api\/health\/live",status="200"\} (\d+)/.exec(body)?.[1] ?? NaN,
  );
};

test("concurrent uploads through both workers are stored, none refused for the database being busy", async () => {
  // Before decision 033, on SQLite, a worker's upload transaction that had read before the other worker wrote was
  // refused at once (SQLITE_BUSY): 7 of these 24 failed. Now each takes the write lock at BEGIN and waits its turn.
  const identifier = uniqueIdentifier("CLUSTER");
  const { PPR } = createIdentifierAsAdmin("Acme Bank", "d1", identifier);
  const token = apiToken("ops@acme.test", "cluster");
  const pki = new Workdir();
  const bodies = Array.from({ length: 24 }, (_, i) =>
    JSON.stringify({
      kind: "CUSTOMER_CSR",
      content: pki.csr(
        `cluster-${i}`,
        `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PPR`)}`,
      ).csrPem,
      acceptWarnings: true,
    }),
  );
  await expect.poll(() => listening().length, { timeout: 60_000 }).toBe(2);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const results = await Promise.all(
    bodies.map((body, i) =>
      send("POST", `/api/v1/connections/${PPR}/assets`, { ...headers, "x-request-id": `cluster-upload-${i}` }, body),
    ),
  );
  const statuses = results.map((result) => result.status);
  const stored = statuses.filter((status) => status === 201).length;
  // PostgreSQL lets concurrent uploads to one connection run at once and refuses the losers with 409 (each upload
  // withdraws the one before it); SQLite runs them one after the other, so every one is stored.
  if (process.env.E2E_DATABASE_URL_IN_USE?.startsWith("file:")) expect(statuses).toEqual(bodies.map(() => 201));
  else
    expect(
      statuses.every((status) => status === 201 || status === 409),
      JSON.stringify(results),
    ).toBe(true);
  expect(stored).toBeGreaterThan(0);

  await expect
    .poll(() => jsonLines(server.logs()).filter((line) => String(line.requestId).startsWith("cluster-upload-")).length)
    .toBe(bodies.length);
  const uploadLines = jsonLines(server.logs()).filter((line) => String(line.requestId).startsWith("cluster-upload-"));
  expect(new Set(uploadLines.map((line) => line.pid)).size, "uploads answered by both workers").toBe(2);

  const versions = await query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE a."connectionId" = $1 AND a.kind = $2`,
    [PPR, "CUSTOMER_CSR"],
  );
  expect(Number(versions[0]!.n)).toBe(stored);
});

test("two workers serve requests, /api/metrics sums both, a dead worker is replaced", async () => {
  await expect.poll(() => listening().length, { timeout: 60_000 }).toBe(2);
  for (let i = 0; i < 30; i++)
    expect((await get("/api/health/live", { "x-request-id": `cluster-probe-${i}` })).status).toBe(200);

  // A request's log line is written when its connection closes, just after the answer.
  const probeLines = () =>
    jsonLines(server.logs()).filter((line) => String(line.requestId).startsWith("cluster-probe-"));
  await expect.poll(() => probeLines().length, { timeout: 30_000 }).toBe(30);
  const probes = probeLines();
  const pids = new Set(probes.map((line) => line.pid));
  expect(pids.size, "requests answered by both workers").toBe(2);

  // Every live check either worker answered (the 30 above and the start-up polls) is in one scrape.
  await expect.poll(scrapedLive, { timeout: 60_000 }).toBe(liveLines().length);
  for (const pid of pids)
    expect(liveLines().filter((line) => line.pid === pid).length).toBeLessThan(liveLines().length);

  // A worker killed outright is replaced; the server keeps answering meanwhile.
  const [victim] = [...pids] as number[];
  process.kill(victim!, "SIGKILL");
  expect((await get("/api/health/live")).status).toBe(200);
  await expect
    .poll(() =>
      jsonLines(server.logs()).some(
        (line) => line.msg === "portal worker died: replacing it" && line.workerPid === victim,
      ),
    )
    .toBe(true);
  await expect.poll(() => listening().length, { timeout: 60_000 }).toBe(3);
  const replacement = listening()[2]!.workerPid;
  expect(replacement).not.toBe(victim);
  await expect
    .poll(
      async () => {
        await get("/api/health/live", { "x-request-id": "cluster-after-restart" });
        return jsonLines(server.logs()).some(
          (line) => line.requestId === "cluster-after-restart" && line.pid === replacement,
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
});
