import "server-only";
import type { Db } from "../db/client";
import { newId } from "../ids";

/**
 * Sign-in throttling kept in the database, so it holds across instances (DESIGN.md §6):
 * 10 failures within 15 minutes per e-mail, or per client address, block further attempts
 * for that e-mail or address until the oldest failure leaves the window.
 */
export const THROTTLE = { maxFailures: 10, windowMs: 15 * 60 * 1000 } as const;

export function throttleBuckets(email: string, ip: string | undefined): string[] {
  const buckets = [`email:${email.trim().toLowerCase()}`];
  if (ip) buckets.push(`ip:${ip}`);
  return buckets;
}

export async function isThrottled(db: Db, buckets: string[], now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  for (const bucket of buckets) {
    const failures = await db.loginAttempt.count({ where: { bucket, createdAt: { gte: since } } });
    if (failures >= THROTTLE.maxFailures) return true;
  }
  return false;
}

export async function recordFailure(db: Db, buckets: string[], now: Date): Promise<void> {
  await db.$transaction([
    db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - THROTTLE.windowMs) } } }),
    ...buckets.map((bucket) => db.loginAttempt.create({ data: { id: newId(), bucket, createdAt: now } })),
  ]);
}

/** A successful sign-in clears the e-mail's failures (not the address's: others may share it). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { bucket: `email:${email.trim().toLowerCase()}` } });
}
