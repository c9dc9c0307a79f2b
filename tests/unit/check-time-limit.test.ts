import { Worker } from "node:worker_threads";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { WALL_CLOCK_FACTOR, timeLimitStep } from "@/lib/server/pki/check-pool";
import { currentThreadId, threadCpuMs, threadCpuMsFromStat } from "@/lib/server/pki/thread-cpu.mjs";

/**
 * The check pool's time limit counts the worker's CPU time, so a check that only waited for the CPU on a loaded
 * machine is not refused (it was, with a wall-clock limit: the workers run at a lower priority than pages).
 */
describe("the check time limit", () => {
  it("stops at the limit in CPU time, not in wall-clock time, with a wall-clock backstop", () => {
    expect(timeLimitStep(5000, 5000, 1200)).toEqual({ wait: 3800 });
    expect(timeLimitStep(5000, 9000, 4990)).toEqual({ wait: 10 });
    expect(timeLimitStep(5000, 5001, 5000)).toEqual({ stop: true });
    expect(timeLimitStep(5000, 5000 * WALL_CLOCK_FACTOR, 100)).toEqual({ stop: true });
    expect(timeLimitStep(5000, 5000 * WALL_CLOCK_FACTOR - 200, 100)).toEqual({ wait: 200 });
  });

  it("falls back to the wall clock where a thread's CPU time cannot be read", () => {
    expect(timeLimitStep(5000, 5000, undefined)).toEqual({ stop: true });
    expect(timeLimitStep(5000, 3000, undefined)).toEqual({ wait: 2000 });
  });

  it.runIf(process.platform === "linux")(
    "reads another thread's CPU time: it grows while it computes, not while it sleeps",
    async () => {
      const worker = new Worker(
        `const { parentPort } = require("node:worker_threads");
       const { readlinkSync } = require("node:fs");
       parentPort.postMessage(Number(readlinkSync("/proc/thread-self").split("/").pop()));
       parentPort.once("message", () => { const end = Date.now() + 400; while (Date.now() < end); parentPort.postMessage("done"); });`,
        { eval: true },
      );
      try {
        const threadId = await new Promise<number>((resolve) => worker.once("message", resolve));
        const idle = threadCpuMs(threadId)!;
        await sleep(300);
        const afterSleep = threadCpuMs(threadId)!;
        expect(afterSleep - idle).toBeLessThan(100);
        const process0 = process.cpuUsage();
        worker.postMessage("spin");
        await new Promise((resolve) => worker.once("message", resolve));
        const spun = threadCpuMs(threadId)! - afterSleep;
        const processMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(process0));
        // It computed for 400 ms of wall-clock time: some of it on the CPU (less when the machine is loaded), and
        // never more than the whole process used.
        expect(spun).toBeGreaterThan(0);
        expect(spun).toBeLessThanOrEqual(processMs + 10);
      } finally {
        await worker.terminate();
      }
    },
  );

  it.runIf(process.platform === "linux")("knows the calling thread's id", () => {
    expect(currentThreadId()).toBeGreaterThan(0);
    expect(threadCpuMs(currentThreadId()!)).toBeGreaterThan(0);
    expect(threadCpuMs(2 ** 30)).toBeUndefined();
  });

  it.runIf(process.platform === "linux")("falls back to stat's 10 ms ticks where schedstat is missing", () => {
    const id = currentThreadId()!;
    const precise = threadCpuMs(id)!;
    const ticked = threadCpuMsFromStat(id)!;
    expect(ticked % 10).toBe(0);
    // Sampled at each tick, so near the scheduler's count, not equal to it.
    expect(Math.abs(ticked - precise)).toBeLessThan(Math.max(50, precise * 0.2));
    expect(threadCpuMsFromStat(2 ** 30)).toBeUndefined();
  });
});
