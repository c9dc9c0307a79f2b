// One portal server on every core: the primary of a node:cluster forks PORTAL_WORKERS copies of
// scripts/serve.mjs, which share its listening socket (the primary hands connections out in turn). All shared
// state is in the database (sessions, tokens, throttles, job leases), so workers are instances like any other
// behind a load balancer. The primary serves no request: it keeps the SQLite `.serving` marker, replaces a
// worker that dies, stops them all on SIGINT/SIGTERM, and sums the workers' metrics for /api/metrics.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { AggregatorRegistry } from "prom-client";

/**
 * PORTAL_WORKERS: a positive integer, or unset/"auto" for one per core (1 = a single process, no cluster). On SQLite
 * too: its transactions take the write lock at BEGIN and wait for it without blocking the process (decision 033).
 */
export function workerCount(value = process.env.PORTAL_WORKERS) {
  const wanted = (value ?? "").trim();
  if (wanted === "" || wanted === "auto") return availableParallelism();
  const n = Number(wanted);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`PORTAL_WORKERS must be a positive integer or "auto", not "${value}"`);
  return n;
}

const METRICS_TIMEOUT_MS = 3000;

/**
 * The primary: forks `count` workers (same argv), writes `marker` once the first one listens, replaces dead
 * ones (after a growing pause when they die young), and answers workers' metrics requests.
 */
export function runPrimary({ count, marker, log, writeMarker, removeMarker }) {
  let stopping = false;
  let everListened = false;
  let restarts = 0;
  const startedAt = new Map();

  // Each worker's PKI check pool gets its share of the cores, not all of them (lib/server/pki/check-pool.ts).
  const env = { PORTAL_CLUSTER_WORKER: "1" };
  if (process.env.PORTAL_CHECK_WORKERS === undefined)
    env.PORTAL_CHECK_WORKERS = String(Math.max(1, Math.ceil(availableParallelism() / count)));
  const fork = () => startedAt.set(cluster.fork(env).id, Date.now());

  cluster.on("listening", (worker, address) => {
    if (!everListened && marker) writeMarker(marker);
    everListened = true;
    log.info({ workerPid: worker.process.pid, port: address.port }, "portal worker listening");
  });
  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    // A server that cannot start at all (bad configuration, port taken) stops, as a single process would.
    if (!everListened) {
      log.error({ workerPid: worker.process.pid, code, signal }, "portal worker failed to start: stopping");
      stop("worker-start-failed", code || 1);
      return;
    }
    restarts = lived < 10_000 ? restarts + 1 : 0;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(restarts, 7));
    log.error({ workerPid: worker.process.pid, code, signal, restartInMs: delay }, "portal worker died: replacing it");
    setTimeout(() => stopping || fork(), delay).unref();
  });
  cluster.on("message", (worker, message) => {
    if (message?.type === "portal:metrics-request") void answerMetrics(worker, message.id);
  });

  function stop(signal, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "portal stopping");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const done = () => {
      if (marker) removeMarker(marker);
      process.exit(exitCode);
    };
    const wait = setInterval(() => Object.keys(cluster.workers ?? {}).length === 0 && done(), 50);
    setTimeout(() => {
      clearInterval(wait);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      done();
    }, 6000).unref();
  }
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  for (let i = 0; i < count; i++) fork();
}

let nextCollection = 0;

/** Every live worker's metrics as JSON, summed by prom-client's aggregator, to the worker that asked. */
async function answerMetrics(asker, id) {
  const collection = ++nextCollection;
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
  const parts = await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => finish(undefined), METRICS_TIMEOUT_MS);
          const onMessage = (message) =>
            message?.type === "portal:metrics-part" && message.collection === collection && finish(message.metrics);
          function finish(value) {
            clearTimeout(timer);
            worker.off("message", onMessage);
            resolve(value);
          }
          worker.on("message", onMessage);
          worker.send({ type: "portal:metrics-collect", collection });
        }),
    ),
  );
  const answer = await AggregatorRegistry.aggregate(parts.filter(Boolean))
    .metrics()
    .then(
      (text) => ({ text }),
      (error) => ({ error: String(error) }),
    );
  if (asker.isConnected()) asker.send({ type: "portal:metrics-result", id, ...answer });
}

/**
 * In a worker: answers the primary's collections with this process's series, and makes /api/metrics ask the
 * primary for the sum over all workers (lib/observe/runtime.mjs processMetrics).
 */
export function joinClusterMetrics({ registry, setProcessMetricsSource }) {
  const pending = new Map();
  let nextId = 0;
  process.on("message", (message) => {
    if (message?.type === "portal:metrics-collect") {
      void registry
        .getMetricsAsJSON()
        .then((metrics) => process.send?.({ type: "portal:metrics-part", collection: message.collection, metrics }));
    } else if (message?.type === "portal:metrics-result") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`metrics of the cluster: ${message.error}`));
      else waiter?.resolve(message.text);
    }
  });
  setProcessMetricsSource(
    () =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        const timer = setTimeout(
          () => pending.delete(id) && reject(new Error("metrics of the cluster: no answer from the primary")),
          METRICS_TIMEOUT_MS * 2,
        );
        pending.set(id, {
          resolve: (text) => (clearTimeout(timer), resolve(text)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        process.send?.({ type: "portal:metrics-request", id });
      }),
  );
}
