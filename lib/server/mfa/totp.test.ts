import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateSecret, hotp, otpauthUri, timeStep, verifyTotp } from "./totp";

describe("HOTP (RFC 4226 appendix D)", () => {
  const secret = Buffer.from("12345678901234567890");
  it.each([
    [0, "755224"],
    [1, "287082"],
    [2, "359152"],
    [3, "969429"],
    [9, "520489"],
  ])("counter %i → %s", (counter, code) => {
    expect(hotp(secret, counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 appendix B, SHA-1, 8 digits)", () => {
  const secret = Buffer.from("12345678901234567890");
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
  ])("T=%i → %s", (t, code) => {
    expect(hotp(secret, Math.floor(t / 30), 8)).toBe(code);
  });
});

describe("verifyTotp", () => {
  const secret = generateSecret();
  const now = new Date("2026-03-01T12:00:10Z");
  const code = (offset: number) => hotp(base32Decode(secret), timeStep(now) + offset);

  it("round-trips base32", () => {
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
  it("accepts the current code and one step of drift either side", () => {
    expect(verifyTotp(secret, code(0), now, null)).toBe(timeStep(now));
    expect(verifyTotp(secret, code(-1), now, null)).toBe(timeStep(now) - 1);
    expect(verifyTotp(secret, code(1), now, null)).toBe(timeStep(now) + 1);
  });
  it("refuses codes two steps away, malformed codes, and any code at or before the last accepted step", () => {
    expect(verifyTotp(secret, code(2), now, null)).toBeNull();
    expect(verifyTotp(secret, code(-2), now, null)).toBeNull();
    expect(verifyTotp(secret, "12345", now, null)).toBeNull();
    expect(verifyTotp(secret, "abcdef", now, null)).toBeNull();
    expect(verifyTotp(secret, code(0), now, timeStep(now))).toBeNull();
  });
  it("builds the otpauth URI authenticator apps expect", () => {
    expect(otpauthUri("ABC", "ops@bank.test")).toBe(
      "otpauth://totp/TLS%20Onboarding%20Portal%3Aops%40bank.test?secret=ABC&issuer=TLS%20Onboarding%20Portal&algorithm=SHA1&digits=6&period=30",
    );
  });
});
