import { describe, expect, it } from "vitest";
import { checkAssetSync } from "./check";
import { MAX_RSA_EXPONENT_BITS, MAX_RSA_MODULUS_BITS } from "./key-bounds";
import { tryReadCertificate } from "./parse-certificate";
import { verifySignature } from "./signature";
import { hostileRsaCertificate, hugeExponentTrustStore } from "./test-hostile";

const opts = { program: "d1", environment: "PPR", identifier: "X", now: new Date(Date.UTC(2026, 5, 1)) } as const;
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe("RSA key bounds (issue #10 item 2)", () => {
  it("refuses exponents of 2^32 and more, and moduli above 16384 bits, before any verification", () => {
    const huge = tryReadCertificate(hostileRsaCertificate({ exponentBits: 3064 }));
    if (!huge.ok) throw new Error("fixture does not parse");
    expect(huge.value.summary.publicKey.exponentBits).toBe(3064);
    // key() is never imported and verify answers at once: no modular exponentiation with that exponent.
    expect(huge.value.key()).toEqual({ error: expect.stringMatching(/exponent has 3064 bits/) });
    const v = verifySignature({
      algorithm: huge.value.algorithm,
      data: huge.value.tbs,
      signature: huge.value.signature,
      key: { error: "not imported" },
      keyInfo: huge.value.summary.publicKey,
    });
    expect(v).toMatchObject({ ok: false, reason: "unusable-key", detail: expect.stringMatching(/exponent/) });

    const wide = tryReadCertificate(hostileRsaCertificate({ modulusBits: MAX_RSA_MODULUS_BITS + 8, exponentBits: 17 }));
    if (!wide.ok) throw new Error("fixture does not parse");
    expect(wide.value.key()).toEqual({ error: expect.stringMatching(/modulus has 16392 bits/) });
  });

  it("accepts the largest allowed sizes as keys (the bound is not off by one)", () => {
    const edge = tryReadCertificate(hostileRsaCertificate({ modulusBits: 4096, exponentBits: MAX_RSA_EXPONENT_BITS }));
    if (!edge.ok) throw new Error("fixture does not parse");
    expect("error" in edge.value.key()).toBe(false);
  });

  it("reports each out-of-bounds key as a finding of the check, for trust stores and client certificates", () => {
    const store = checkAssetSync(hugeExponentTrustStore(5), { ...opts, asset: "trust-store" });
    expect(store.verdict).toBe("rejected");
    expect(codes(store).filter((c) => c === "RSA_EXPONENT_TOO_LARGE")).toHaveLength(5);
    const client = checkAssetSync(hugeExponentTrustStore(1), { ...opts, program: "tsh", asset: "client-certificate" });
    expect(codes(client)).toContain("RSA_EXPONENT_TOO_LARGE");
  });
});
