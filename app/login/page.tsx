import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser, getOwedSecondFactor } from "@/lib/server/auth/session";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/server/sso/refusals";
import { nextAuthProviderId, oidcProviders } from "@/lib/server/sso/providers";
import { LoginForm } from "./login-form";
import { SsoButtons } from "./sso-buttons";
import { filledIn, type SearchParams } from "@/app/_lib/request";

export const metadata: Metadata = { title: "Sign in" };

const ENDED: Record<string, string> = {
  idle: "Your session ended after 30 minutes without activity. Sign in again.",
  expired: "Your session reached its 8-hour limit. Sign in again.",
  revoked: "This session was ended (signed out elsewhere, password changed or account changed). Sign in again.",
  everywhere: "You are signed out everywhere. Sign in again.",
};

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  if (await getCurrentUser()) redirect("/");
  if (await getOwedSecondFactor()) redirect("/login/second-factor");
  const { ended, error } = await filledIn(searchParams);
  const providers = oidcProviders().map((provider) => ({ id: nextAuthProviderId(provider), label: provider.label }));
  // next-auth's own codes (OAuthCallback, Callback…) cover IdP and protocol failures; their details are in the log.
  const ssoError = isSsoRefusal(error)
    ? SSO_REFUSALS[error]
    : error && error !== "CredentialsSignin"
      ? "Single sign-on failed. Try again, or ask an administrator."
      : undefined;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">TLS Onboarding Portal</h1>
      <p className="mb-5 text-sm text-slate-600">Sign in with the account your administrator gave you.</p>
      {ended && ENDED[ended] && (
        <p
          role="status"
          data-testid="session-ended"
          className="mb-4 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {ENDED[ended]}
        </p>
      )}
      {ssoError && (
        <p
          role="alert"
          data-testid="sso-error"
          className="mb-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {ssoError}
        </p>
      )}
      <SsoButtons providers={providers} />
      <LoginForm />
    </main>
  );
}
