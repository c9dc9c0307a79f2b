// Two-factor enrolment for staff accounts that specs use only through API tokens (a staff token is refused
// until its user has a second factor, like the browser). Through the portal's own services, as the
// /account/mfa page does; prints one JSON line {email: {secret, step}} for the users it enrolled, so the
// specs' authenticator (support/mfa.ts) can sign them in later. Customers and enrolled users are skipped.
//   DATABASE_URL=… node --conditions=react-server --import tsx e2e/support/enrol-mfa.ts <email>…
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";
import { loadActor } from "@/lib/server/auth/load-actor";
import { requiresMfa } from "@/lib/assets/permissions";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { base32Decode, hotp, timeStep } from "@/lib/server/mfa/totp";

const db = createDb(databaseConfig());
try {
  const out: Record<string, { secret: string; step: number }> = {};
  for (const email of process.argv.slice(2)) {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, mfaEnabledAt: true } });
    if (user.mfaEnabledAt) continue;
    const actor = (await loadActor(db, user.id))!;
    if (!requiresMfa(actor.role)) continue;
    const { secret } = await startMfaEnrolment({ db, actor });
    const now = new Date();
    await confirmMfaEnrolment({ db, actor, code: hotp(base32Decode(secret), timeStep(now)), now });
    out[email] = { secret, step: timeStep(now) };
  }
  console.log(JSON.stringify(out));
} finally {
  await db.$disconnect();
}
