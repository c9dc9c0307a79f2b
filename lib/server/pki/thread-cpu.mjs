// CPU time of one thread, for the check pool's time limit (lib/server/pki/check-pool.ts): a limit on the
// worker's own CPU refuses only what is truly slow, where a wall-clock limit also refused honest checks that
// waited for the CPU on a loaded machine (workers run at a lower priority than the thread serving pages).
// Linux only (/proc); elsewhere both functions answer undefined and the pool falls back to the wall clock.
// Plain ESM: the worker (check-worker.mjs) loads it unbundled, the pool through Next's bundle.
import { readFileSync, readlinkSync } from "node:fs";

// /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space on every
// architecture (sysconf(_SC_CLK_TCK)); Node has no sysconf to ask.
const TICKS_PER_SECOND = 100;

/** The calling thread's kernel id (its /proc/self/task entry), or undefined off Linux. */
export function currentThreadId() {
  try {
    const id = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) of a thread of this process, or undefined when it cannot be read (off Linux, or the thread has
 * ended). The scheduler's own count (schedstat, nanoseconds) comes first: stat's user and system times are
 * sampled at each 10 ms tick, so a short computation could read 10–20 ms off, more or less than the process as a
 * whole used. stat is the fallback for kernels built without schedstat.
 * @param {number} threadId
 */
export function threadCpuMs(threadId) {
  try {
    const onCpuNs = Number(readFileSync(`/proc/self/task/${threadId}/schedstat`, "utf8").split(" ")[0]);
    if (Number.isFinite(onCpuNs)) return onCpuNs / 1e6;
  } catch {
    // No schedstat on this kernel, or the thread has ended: stat tells which.
  }
  return threadCpuMsFromStat(threadId);
}

/**
 * The fallback: user + system time from stat, in 10 ms ticks. Exported for its test.
 * @param {number} threadId
 */
export function threadCpuMsFromStat(threadId) {
  try {
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses:
    // the first is field 3 (state), so utime (field 14) and stime (field 15) are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
