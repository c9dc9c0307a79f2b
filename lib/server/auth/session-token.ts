import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * The session cookie's codec: next-auth 4's own format (a JWE, `dir` + A256GCM, with a key derived by HKDF-SHA256
 * from NEXTAUTH_SECRET), with the derived key kept per process. next-auth derives it again on every encode and
 * decode, and a signed-in page does three of those (the proxy's decode, getServerSession's decode and encode):
 * `hkdf` was 9 % of a signed-in page's busy time in a profile (decision 030). Cookies stay interchangeable with next-auth's own
 * encode/decode, which the e2e session tests use on the portal's cookies and a unit test checks both ways.
 * Used by authOptions.jwt and by the proxy.
 */
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

const keys = new Map<string, Uint8Array>();

function derivedKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("base64")}`}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    // A process uses one secret (two while one is rotated); bound the map all the same.
    if (keys.size >= 8) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({
  token = {},
  secret,
  maxAge = DEFAULT_MAX_AGE,
  salt = "",
}: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(derivedKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, derivedKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
