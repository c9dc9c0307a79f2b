import "server-only";
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import path from "node:path";
import { Piscina } from "piscina";
import { checkAssetSync, finding, type CheckAssetOptions, type CheckReport } from "@/lib/pki";
import { AppError } from "@/lib/server/errors";
import { threadCpuMs } from "./thread-cpu.mjs";

/**
 * PKI checks run off the event loop (docs/decisions/007-pki-checks-in-a-worker-pool.md): a piscina pool sized
 * to the cores, workers at a lower CPU priority than the thread serving pages, and a limit on the CPU time of one
 * check after which the worker is terminated and the upload refused with CHECK_TIME_LIMIT. Used by the upload form, the
 * upload API and /api/v1/check, so one hostile file cannot stall other users.
 */
export type CheckPoolConfig = { workers: number; timeLimitMs: number; queue: number };

/**
 * Checks waiting for a worker, at most (PORTAL_CHECK_QUEUE). Past it a check is refused at once with BUSY: a flood
 * of uploads or API checks waits in bounded memory, and the caller hears "try again" instead of waiting behind
 * minutes of work. 64 covers a burst of honest checks (~0.5 ms each) many times over.
 */
export const CHECK_QUEUE_DEFAULT = 64;

export function checkPoolConfig(env: NodeJS.ProcessEnv = process.env): CheckPoolConfig {
  const workers = Number(env.PORTAL_CHECK_WORKERS ?? availableParallelism());
  const timeLimitMs = Number(env.PORTAL_CHECK_TIME_LIMIT_MS ?? 5000);
  const queue = Number(env.PORTAL_CHECK_QUEUE ?? CHECK_QUEUE_DEFAULT);
  return {
    workers: Number.isInteger(workers) && workers >= 0 ? workers : availableParallelism(),
    timeLimitMs: Number.isFinite(timeLimitMs) && timeLimitMs > 0 ? timeLimitMs : 5000,
    queue: Number.isInteger(queue) && queue >= 1 ? queue : CHECK_QUEUE_DEFAULT,
  };
}

const holder = globalThis as unknown as { portalCheckPool?: Piscina };

function pool({ workers }: CheckPoolConfig): Piscina {
  holder.portalCheckPool ??= new Piscina({
    filename: path.join(process.cwd(), "lib/server/pki/check-worker.mjs"),
    // All workers start with the pool: a worker's first start (tsx compiling lib/pki) is not a user's wait.
    minThreads: workers,
    maxThreads: workers,
    // Pages first: a busy check yields the CPU to the thread answering other users (Linux; ignored elsewhere).
    niceIncrement: 10,
    idleTimeout: 60_000,
  });
  return holder.portalCheckPool;
}

/** The check as a refusal, when it ran out of time: the upload is refused, nothing is stored. */
function timedOut(limitMs: number): CheckReport {
  return {
    verdict: "rejected",
    found: "not checked (time limit)",
    certificates: [],
    findings: [
      finding(
        "CHECK_TIME_LIMIT",
        `Checking this file needed more than ${limitMs / 1000} s of processing, the limit for one check; it was refused.`,
        "Upload only the certificates of one chain or trust store, as PEM; if the file is that already, contact the Thales delivery team.",
      ),
    ],
  };
}

/**
 * A check may wait this many times its limit in wall-clock time while it waits for the CPU, before it is
 * refused anyway: a machine too loaded to finish it in that time is not one to keep a user waiting on.
 */
export const WALL_CLOCK_FACTOR = 4;

/** /proc's CPU time moves in 10 ms ticks: looking again sooner learns nothing. */
const TICK_MS = 10;

/**
 * What to do when a check's timer fires: stop it, or look again after `wait` ms. The limit is on the worker's
 * own CPU time (`cpuMs`), so a check that only waited for the CPU on a loaded machine is not refused, with
 * WALL_CLOCK_FACTOR as the backstop; without a CPU reading (off Linux) the limit is on the wall clock.
 */
export function timeLimitStep(
  limitMs: number,
  wallMs: number,
  cpuMs: number | undefined,
): { stop: true } | { wait: number } {
  if (cpuMs === undefined) return wallMs >= limitMs ? { stop: true } : { wait: limitMs - wallMs };
  const wallLimitMs = limitMs * WALL_CLOCK_FACTOR;
  if (cpuMs >= limitMs || wallMs >= wallLimitMs) return { stop: true };
  return { wait: Math.max(TICK_MS, Math.min(limitMs - cpuMs, wallLimitMs - wallMs)) };
}

/**
 * checkAsset in the worker pool with the per-check time limit. The clock starts when a worker begins the check
 * (it says so on a message port, with its thread id for reading its CPU time), so neither the queue nor a
 * worker's start-up counts. Never throws on user input.
 */
export async function checkAssetOffThread(
  input: Uint8Array | string,
  opts: CheckAssetOptions,
  config = checkPoolConfig(),
): Promise<CheckReport> {
  if (config.workers === 0) return checkAssetSync(input, opts);
  const abort = new AbortController();
  const { port1, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  // Set when the check has ended: a "started" message read after that arms no timer.
  let ended = false;
  port1.once("message", ({ threadId }: { threadId?: number }) => {
    const startWall = performance.now();
    const cpu = () => (threadId === undefined ? undefined : threadCpuMs(threadId));
    const startCpu = cpu();
    const look = (after: number) => {
      if (ended) return;
      timer = setTimeout(() => {
        const now = cpu();
        const step = timeLimitStep(
          config.timeLimitMs,
          performance.now() - startWall,
          now === undefined || startCpu === undefined ? undefined : now - startCpu,
        );
        if ("stop" in step) abort.abort();
        else look(step.wait);
      }, after);
      // The watch alone never keeps the process alive (tests, shutdown).
      timer.unref();
    };
    look(config.timeLimitMs);
  });
  try {
    const task = { input, opts: { ...opts, now: opts.now.getTime() }, started: port2 };
    const checks = pool(config);
    // piscina's own maxQueue does not count abortable tasks (they wait in another queue), and every check here is
    // abortable (the time limit), so the bound is kept here, on its public queueSize, which counts both.
    if (checks.queueSize >= config.queue)
      throw new AppError(
        "BUSY",
        "The portal is checking too many files at once. Nothing was stored; send this one again in a moment.",
      );
    return (await checks.run(task, { signal: abort.signal, transferList: [port2] })) as CheckReport;
  } catch (e) {
    if (abort.signal.aborted) return timedOut(config.timeLimitMs);
    throw e;
  } finally {
    ended = true;
    clearTimeout(timer);
    port1.close();
  }
}

/** Ends the pool's workers (tests, shutdown). */
export async function closeCheckPool(): Promise<void> {
  const p = holder.portalCheckPool;
  holder.portalCheckPool = undefined;
  await p?.close({ force: true });
}
