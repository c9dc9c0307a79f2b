/**
 * A signature-verification budget per input, proportional to its size, for path building (issue #10 item 2;
 * the chain builder of issue #14 spends it). Units are weighted by what a verification costs, so a store of
 * big keys gets fewer checks than one of small keys of the same size: one unit is one RSA-4096 (e = 65537) or
 * EC verification (~0.1 ms). Bounded keys (lib/pki/key-bounds.ts) cost at most 32 units.
 * Same shape as the chain builder's `Budget` (`units`, `steps`, `exhausted`), so either can be passed.
 */
import { keyOutOfBounds } from "./key-bounds";
import type { PublicKeyInfo } from "./public-key";

export type VerifyBudget = { units: number; steps: number; exhausted: boolean };

/** A normal chain needs a few units; a 100-certificate trust store of RSA-2048 keys (~120 KiB) about 200. */
export const BASE_UNITS = 64;
export const UNITS_PER_KIB = 8;

/** The allowance for an input of `inputBytes` (the upload's size, before decoding). */
export function verifyBudgetFor(inputBytes: number): VerifyBudget {
  const units = BASE_UNITS + Math.floor((Math.max(0, inputBytes) / 1024) * UNITS_PER_KIB);
  return { units, steps: units, exhausted: false };
}

/** Units one verification with this key costs: quadratic in the modulus, linear in the exponent's bits. */
export function verifyCost(key: PublicKeyInfo): number {
  if (key.type !== "rsa" && key.type !== "rsa-pss") return 1;
  const size = Math.max(1, (key.bits ?? 2048) / 4096);
  return Math.ceil(size * size * Math.max(1, (key.exponentBits ?? 17) / 17));
}

/**
 * Take the cost of one verification with `key`. False (and `exhausted` set) when the budget cannot pay, or when
 * the key is out of bounds and must not be used at all: the caller then skips the verification.
 */
export function spendVerification(budget: VerifyBudget, key: PublicKeyInfo): boolean {
  if (keyOutOfBounds(key)) return false;
  const cost = verifyCost(key);
  if (budget.units < cost) {
    budget.exhausted = true;
    return false;
  }
  budget.units -= cost;
  return true;
}
