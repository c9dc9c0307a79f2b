import { afterAll, describe, expect, it } from "vitest";
import { checkAssetOffThread, closeCheckPool } from "@/lib/server/pki/check-pool";
import { checkAssetSync } from "@/lib/pki";
import { AppError } from "@/lib/server/errors";
import { unterminatedBegins } from "@/lib/pki/test-hostile";

/** The PKI worker pool (issue #10 item 2): same answers as in process, and a per-check time limit that refuses. */
const opts = {
  program: "d1",
  environment: "PPR",
  identifier: "ISS123",
  asset: "trust-store",
  now: new Date(Date.UTC(2026, 5, 1)),
} as const;

describe("PKI checks off the event loop", () => {
  afterAll(() => closeCheckPool());

  it("answers exactly what the in-process check answers", async () => {
    const input = unterminatedBegins(50);
    expect(await checkAssetOffThread(input, opts, { workers: 2, timeLimitMs: 30_000, queue: 64 })).toEqual(
      checkAssetSync(input, opts),
    );
  });

  it("refuses a check that runs past its time limit with CHECK_TIME_LIMIT, and the pool keeps working", async () => {
    const slow = await checkAssetOffThread(unterminatedBegins(1000), opts, { workers: 2, timeLimitMs: 1, queue: 64 });
    expect(slow).toMatchObject({ verdict: "rejected", certificates: [] });
    expect(slow.findings.map((f) => f.code)).toEqual(["CHECK_TIME_LIMIT"]);
    const after = await checkAssetOffThread("hello", opts, { workers: 2, timeLimitMs: 30_000, queue: 64 });
    expect(after.findings.map((f) => f.code)).toEqual(["NO_PEM_FOUND"]);
  });
});

describe("PKI checks when the pool is flooded", () => {
  afterAll(() => closeCheckPool());

  it("queues up to its limit, refuses the rest at once with BUSY (503), then works again", async () => {
    await closeCheckPool(); // a pool of its own: one worker, a queue of two
    const config = { workers: 1, timeLimitMs: 30_000, queue: 2 };
    const input = unterminatedBegins(50);
    await checkAssetOffThread("hello", opts, config); // the worker started and idle, as in a running server
    // One runs, two wait, three are refused; all sent in the same turn, as a burst of requests would be.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => checkAssetOffThread(input, opts, config)),
    );
    const refused = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const error of refused) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BUSY", status: 503 });
    }
    const after = await checkAssetOffThread("hello", opts, config);
    expect(after.findings.map((f) => f.code)).toEqual(["NO_PEM_FOUND"]);
  });
});
