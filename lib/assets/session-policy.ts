/**
 * Session lifetime rules, pure so the proxy (which refreshes the cookie) and the session callback (which
 * refuses an old token) decide the same way. Times are in seconds since the epoch.
 */
export type SessionPolicy = { absoluteSeconds: number; idleSeconds: number; refreshAfterSeconds: number };
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  absoluteSeconds: 8 * 3600,
  idleSeconds: 30 * 60,
  refreshAfterSeconds: 60,
};

export type SessionVerdict = "valid" | "refresh" | "idle" | "expired";

/** `refresh`: valid, and the last-activity mark is old enough to be rewritten (at most once a minute). */
export function sessionVerdict(
  token: { signedInAt?: unknown; lastActivity?: unknown },
  now: number,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): SessionVerdict {
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : undefined;
  const lastActivity = typeof token.lastActivity === "number" ? token.lastActivity : signedInAt;
  if (signedInAt === undefined || lastActivity === undefined) return "expired";
  if (now - signedInAt > policy.absoluteSeconds) return "expired";
  if (now - lastActivity > policy.idleSeconds) return "idle";
  return now - lastActivity > policy.refreshAfterSeconds ? "refresh" : "valid";
}
