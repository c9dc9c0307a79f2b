import http from "node:http";
import { expect, test } from "@playwright/test";
import { jsonLines, startServer, type ExtraServer } from "../support/extra-server";

/**
 * `npm start` with two workers (PORTAL_WORKERS=2, scripts/cluster.mjs): both serve requests, one scrape of
 * /api/metrics sums what both counted, and a worker that dies is replaced while the other keeps serving.
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
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(server.baseURL + path, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

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
