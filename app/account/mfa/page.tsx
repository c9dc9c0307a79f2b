import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/server/db/client";
import { startMfaEnrolment } from "@/lib/server/mfa/enrol-mfa";
import { pageUser } from "@/app/_lib/request";
import { ConfirmMfaForm } from "./confirm-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function MfaPage() {
  const actor = await pageUser({ allowMfaEnrolment: true });
  if (actor.mfaEnabled) {
    return (
      <main className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-2 text-xl font-semibold">Two-factor authentication</h1>
        <p className="text-sm" data-testid="mfa-on">
          It is on for {actor.email}. Lost your phone and your recovery codes? Ask an administrator to reset it.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm underline">
          Back
        </Link>
      </main>
    );
  }
  const enrolment = await startMfaEnrolment({ db: getDb(), actor });
  return (
    <main className="mx-auto mt-12 max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Set up two-factor authentication</h1>
      <p className="text-sm text-slate-700">
        {actor.mfaEnrolmentRequired
          ? "Your role approves, signs or administers: a second factor is required before you continue."
          : "Protect your account with a code from an authenticator app."}{" "}
        Scan the code with an authenticator app (TOTP, RFC 6238), then enter the 6-digit code it shows.
      </p>
      <div className="mx-auto w-56" data-testid="mfa-qr" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p className="text-center text-xs text-slate-600">
        Or type this key:{" "}
        <code data-testid="mfa-secret" className="font-mono">
          {enrolment.secret}
        </code>
      </p>
      <ConfirmMfaForm />
    </main>
  );
}
