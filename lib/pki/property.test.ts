import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeChain } from "./chain";
import { checkAssetSync } from "./check";
import { decodeInput } from "./decode";
import { exportPemBundle } from "./export";
import { parseCertificate } from "./parse-certificate";
import { parseCsr } from "./parse-csr";
import { makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
let samples: Uint8Array[];
beforeAll(() => {
  fx = makeFixtures();
  samples = ["d1-ec.csr.der", "leaf.der", "chain.p7b.der", "ec256.p8.der", "client.p12"].map(
    (n) => new Uint8Array(fx.read(n)),
  );
  samples.push(new Uint8Array(fx.read("chain.p7b")), new Uint8Array(fx.read("d1-ec.csr")));
});

const now = new Date();
const kinds = ["csr", "client-certificate", "server-chain", "trust-store"] as const;

/** Every public entry point on one input; any throw fails the property. */
function exercise(input: Uint8Array, k: number) {
  const d = decodeInput(input);
  expect(Array.isArray(d.findings)).toBe(true);
  parseCertificate(input);
  parseCsr(input);
  analyzeChain([input, ...d.certificates], { now, mode: k % 2 ? "trust-store" : "server-chain" });
  exportPemBundle([input], { order: "leaf-to-root", comments: true });
  const r = checkAssetSync(input, {
    program: k % 3 === 0 ? "tsh" : "d1",
    environment: "PPR",
    identifier: "X",
    asset: kinds[k % 4]!,
    now,
  });
  expect(r.findings.some((f) => f.code === "INTERNAL_CHECK_ERROR")).toBe(false);
}

describe("public functions never throw", () => {
  it("on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(), (b, k) => exercise(b, k)),
      { numRuns: 400 },
    );
  });

  it("on random strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(), (s, k) => exercise(new Uint8Array(Buffer.from(s)), k)),
      { numRuns: 200 },
    );
  });

  it("on truncations of valid inputs", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (i, k) => {
        const s = samples[i % samples.length]!;
        exercise(s.subarray(0, k % (s.length + 1)), k);
      }),
      { numRuns: 400 },
    );
  });

  it("on bit flips of valid inputs", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.nat(), (i, flips, k) => {
        const s = new Uint8Array(samples[i % samples.length]!);
        for (const f of flips) s[f % s.length]! ^= 1 << (f % 8);
        exercise(s, k);
      }),
      { numRuns: 600 },
    );
  });

  it("private keys stay refused after a bit flip outside the header", () => {
    const key = new Uint8Array(fx.read("ec256.p8.der"));
    fc.assert(
      fc.property(fc.integer({ min: 30, max: key.length - 1 }), (p) => {
        const k = new Uint8Array(key);
        k[p]! ^= 0x01;
        expect(decodeInput(k).privateKeyDetected).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
