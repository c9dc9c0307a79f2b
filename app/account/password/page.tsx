import type { Metadata } from "next";
import { pageUser } from "@/app/_lib/request";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Choose a password" };

export default async function ChangePasswordPage() {
  const actor = await pageUser({ allowMfaEnrolment: true, allowPasswordChange: true });
  return (
    <main className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Choose your password</h1>
      <p className="mb-5 text-sm text-slate-600">
        {actor.email}: replace the one-time password with one only you know (at least 12 characters).
      </p>
      <ChangePasswordForm />
    </main>
  );
}
