// One PKI check in a worker thread of the pool (lib/server/pki/check-pool.ts). Plain ESM so that Node loads
// it as is from `next start`; tsx (a runtime dependency) compiles lib/pki on first use in each worker.
import { register } from "tsx/esm/api";
import { currentThreadId } from "./thread-cpu.mjs";

register();
const { checkAssetSync } = await import("../../pki/check.ts");

/**
 * `started` tells the pool the check has begun, and which thread runs it: its time limit counts from here, in
 * this thread's CPU time.
 * @param {{ input: Uint8Array | string; opts: Record<string, unknown> & { now: number }; started: import("node:worker_threads").MessagePort }} task
 */
export default function check({ input, opts, started }) {
  started.postMessage({ threadId: currentThreadId() });
  started.close();
  return checkAssetSync(input, { ...opts, now: new Date(opts.now) });
}
