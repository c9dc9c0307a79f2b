import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getOwedSecondFactor } from "@/lib/server/auth/session";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** After a single sign-on whose IdP did not check a second factor, for a role that needs one. */
export default async function SecondFactorPage() {
  if (!(await getOwedSecondFactor())) redirect("/login");
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">One more step</h1>
      <p className="mb-5 text-sm text-slate-600">
        Your identity provider did not check a second factor. Enter the code from your authenticator app.
      </p>
      <SecondFactorForm />
    </main>
  );
}
