// Two-factor enrolment for the HTTP benchmark's sign-ins (delivery and admin users must have MFA on),
// through the portal's own services, as the /account/mfa page does: start, then confirm with the
// current TOTP code. Prints one JSON line {email: recoveryCode}: the bench signs in once per user with
// one of the recovery codes (so it never waits for the next 30-second TOTP step).
//   DATABASE_URL=… NEXTAUTH_SECRET=… node --conditions=react-server --import tsx bench/http/enrol-mfa.ts <email>…
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";
import { loadActor } from "@/lib/server/auth/load-actor";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { base32Decode, hotp, timeStep } from "@/lib/server/mfa/totp";

const db = createDb(databaseConfig());
try {
  const out: Record<string, string> = {};
  for (const email of process.argv.slice(2)) {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const actor = (await loadActor(db, user.id))!;
    const { secret } = await startMfaEnrolment({ db, actor });
    const now = new Date();
    const codes = await confirmMfaEnrolment({ db, actor, code: hotp(base32Decode(secret), timeStep(now)), now });
    out[email] = codes[0]!;
  }
  console.log(JSON.stringify(out));
} finally {
  await db.$disconnect();
}
