// One PKI check in a worker thread of the pool (lib/server/pki/check-pool.ts). Plain ESM so that Node loads
// it as is from `next start`; tsx (a runtime dependency) compiles lib/pki on first use in each worker.
import { register } from "tsx/esm/api";

register();
const { checkAssetSync } = await import("../../pki/check.ts");

/**
 * `started` tells the pool the check has begun: its time limit counts from here.
 * @param {{ input: Uint8Array | string; opts: Record<string, unknown> & { now: number }; started: import("node:worker_threads").MessagePort }} task
 */
export default function check({ input, opts, started }) {
  started.postMessage("started");
  started.close();
  return checkAssetSync(input, { ...opts, now: new Date(opts.now) });
}
