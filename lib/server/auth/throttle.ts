import "server-only";
import type { Db } from "../db/client";
import { newId } from "../ids";

/**
 * Sign-in throttling kept in the database, so it holds across instances (DESIGN.md §6): 10 failed
 * attempts within 15 minutes per e-mail, or per client address, block further attempts for that e-mail or
 * address until the oldest failure leaves the window; 5 wrong second-factor codes per user likewise.
 *
 * An attempt is counted and recorded BEFORE the slow check (scrypt, TOTP), in one transaction holding the
 * bucket's row lock (ThrottleBucket): concurrent attempts on a bucket, from any instance, are decided one
 * after another, so 40 at once are treated exactly like 40 in a row. A successful attempt takes its rows back.
 */
export const THROTTLE = { maxFailures: 10, maxSecondFactorFailures: 5, windowMs: 15 * 60 * 1000 } as const;

export function throttleBuckets(email: string, ip: string | undefined): string[] {
  const buckets = [`email:${email.trim().toLowerCase()}`];
  if (ip) buckets.push(`ip:${ip}`);
  return buckets;
}

export function secondFactorBucket(userId: string): string {
  return `mfa:${userId}`;
}

export type Claim = { ids: string[]; throttled: boolean };

/**
 * Throttled when a bucket already holds `max` attempts in the window (nothing is recorded then: a refused
 * attempt was never checked); otherwise records one attempt per bucket and returns their ids.
 */
export async function claimAttempt(
  db: Db,
  buckets: string[],
  now: Date,
  max: number = THROTTLE.maxFailures,
): Promise<Claim> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  return db.$transaction(
    async (tx) => {
      // Locks in a fixed order, so two attempts sharing two buckets cannot deadlock.
      for (const bucket of [...buckets].sort()) {
        await tx.throttleBucket.upsert({
          where: { bucket },
          create: { bucket, lastAttemptAt: now },
          update: { lastAttemptAt: now },
        });
      }
      for (const bucket of buckets) {
        if ((await tx.loginAttempt.count({ where: { bucket, createdAt: { gte: since } } })) >= max)
          return { ids: [], throttled: true };
      }
      const rows = buckets.map((bucket) => ({ id: newId(), bucket, createdAt: now }));
      await tx.loginAttempt.createMany({ data: rows });
      return { ids: rows.map((row) => row.id), throttled: false };
    },
    // Attempts on a hot bucket queue behind each other; each holds the lock for a few milliseconds.
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** The attempt did not fail after all (right password, or a code still to come): its rows go. */
export async function releaseAttempt(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.loginAttempt.deleteMany({ where: { id: { in: ids } } });
}

/** Prunes rows that left the window (any bucket), so the table stays small. */
export async function pruneAttempts(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - THROTTLE.windowMs);
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: before } } });
  await db.throttleBucket.deleteMany({ where: { lastAttemptAt: { lt: before } } });
}

/** A successful sign-in clears the e-mail's failures (not the address's: others may share it). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { bucket: `email:${email.trim().toLowerCase()}` } });
}
