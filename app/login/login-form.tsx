"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/form-message";
import { OneTimeCodeField } from "@/components/form-fields";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password.",
  THROTTLED: "Too many failed attempts. Sign-in is blocked for 15 minutes for this account and address.",
  GRANT_PENDING:
    "Your account has a Thales staff role that a second administrator must approve before you can sign in. Ask them to approve it on the Users page.",
  PASSWORD_LOGIN_DISABLED: "Your organization signs in with single sign-on: use its button above.",
  MFA_INVALID:
    "That code is not right (or was already used). Enter the current code from your app, or a recovery code.",
};

/** Two steps on one form: e-mail and password, then, for accounts with two-factor on, the code. */
export function LoginForm() {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  const router = useRouter();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      otp: form.get("otp") ?? "",
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace("/");
      router.refresh();
      return;
    }
    if (result?.error === "MFA_REQUIRED" || result?.error === "MFA_INVALID") setNeedsCode(true);
    if (result?.error !== "MFA_REQUIRED") setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again.");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <label className="block text-sm font-medium">
        E-mail
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          readOnly={needsCode}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 read-only:bg-slate-50"
        />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          readOnly={needsCode}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 read-only:bg-slate-50"
        />
      </label>
      {needsCode && <OneTimeCodeField />}
      {error && <FormMessage>{error}</FormMessage>}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : needsCode ? "Verify" : "Sign in"}
      </button>
    </form>
  );
}
