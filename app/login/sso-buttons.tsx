"use client";
import { signIn } from "next-auth/react";

/** One button per organization's OpenID provider (PORTAL_OIDC_PROVIDERS). */
export function SsoButtons({ providers }: { providers: { id: string; label: string }[] }) {
  if (!providers.length) return null;
  return (
    <div className="mb-5 space-y-2" data-testid="sso-buttons">
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          onClick={() => signIn(provider.id, { callbackUrl: "/" })}
          className="w-full rounded border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50"
        >
          {provider.label}
        </button>
      ))}
      <p className="text-center text-xs text-slate-600">or with your portal password</p>
    </div>
  );
}
