import { afterAll, describe, expect, it } from "vitest";
import { checkAssetOffThread, closeCheckPool } from "@/lib/server/pki/check-pool";
import { checkAssetSync } from "@/lib/pki";
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
    expect(await checkAssetOffThread(input, opts, { workers: 2, timeLimitMs: 30_000 })).toEqual(
      checkAssetSync(input, opts),
    );
  });

  it("refuses a check that runs past its time limit with CHECK_TIME_LIMIT, and the pool keeps working", async () => {
    const slow = await checkAssetOffThread(unterminatedBegins(1000), opts, { workers: 2, timeLimitMs: 1 });
    expect(slow).toMatchObject({ verdict: "rejected", certificates: [] });
    expect(slow.findings.map((f) => f.code)).toEqual(["CHECK_TIME_LIMIT"]);
    const after = await checkAssetOffThread("hello", opts, { workers: 2, timeLimitMs: 30_000 });
    expect(after.findings.map((f) => f.code)).toEqual(["NO_PEM_FOUND"]);
  });
});
