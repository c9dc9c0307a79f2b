import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

// The portal's cookie codec must stay next-auth's format: cookies issued before the change, the e2e tests'
// next-auth decode/encode and a rollback all depend on it.
const secret = "a-test-secret-of-some-length-0123456789";
const token = { sub: "user-1", sid: "session-1", lastActivity: 1_790_000_000, role: "THALES_DELIVERY" };

describe("session token codec", () => {
  it("decodes what next-auth encodes, and next-auth decodes what it encodes", async () => {
    expect(await decodeSessionToken({ token: await encode({ token, secret }), secret })).toMatchObject(token);
    const ours = await encodeSessionToken({ token, secret, maxAge: 600 });
    const read = await decode({ token: ours, secret });
    expect(read).toMatchObject(token);
    expect(Number(read!.exp) - Number(read!.iat)).toBe(600);
    expect(read!.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a salted token (next-auth's other cookies) apart from a session token", async () => {
    const salted = await encode({ token, secret, salt: "authjs.other" });
    expect(await decodeSessionToken({ token: salted, secret, salt: "authjs.other" })).toMatchObject(token);
    await expect(decodeSessionToken({ token: salted, secret })).rejects.toThrow();
  });

  it("refuses a token made with another secret, an altered one and an expired one", async () => {
    const good = await encodeSessionToken({ token, secret });
    await expect(decodeSessionToken({ token: good, secret: `${secret}-rotated` })).rejects.toThrow();
    const parts = good.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
