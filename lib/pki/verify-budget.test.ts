import { describe, expect, it } from "vitest";
import type { PublicKeyInfo } from "./public-key";
import { spendVerification, verifyBudgetFor, verifyCost } from "./verify-budget";

const rsa = (bits: number, exponentBits = 17): PublicKeyInfo => ({ type: "rsa", bits, exponentBits, description: `RSA ${bits}`, algorithmOid: "1.2.840.113549.1.1.1" });
const ec: PublicKeyInfo = { type: "ec", curve: "P-256", bits: 256, description: "EC P-256", algorithmOid: "1.2.840.10045.2.1" };

describe("signature-verification budget", () => {
  it("grows with the input's size", () => {
    expect(verifyBudgetFor(3000).units).toBeLessThan(verifyBudgetFor(120_000).units);
    expect(verifyBudgetFor(0).units).toBeGreaterThanOrEqual(64);
  });

  it("weighs keys by what verifying with them costs", () => {
    expect(verifyCost(ec)).toBe(1);
    expect(verifyCost(rsa(2048))).toBe(1);
    expect(verifyCost(rsa(16384))).toBe(16);
    expect(verifyCost(rsa(4096, 32))).toBe(2);
  });

  it("stops paying once spent, and never pays for an out-of-bounds key", () => {
    const budget = verifyBudgetFor(0);
    let paid = 0;
    while (spendVerification(budget, rsa(2048))) paid++;
    expect(paid).toBe(64);
    expect(budget.exhausted).toBe(true);
    const fresh = verifyBudgetFor(10_000);
    expect(spendVerification(fresh, rsa(2048, 3064))).toBe(false);
    expect(fresh.exhausted).toBe(false);
  });
});
