import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/assets/permissions";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = { name: string; email: string; role: Role; organizationName: string };

export function AppHeader({ user, nav, unread = 0 }: { user: HeaderUser; nav: NavItem[]; unread?: number }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-base font-semibold tracking-tight">
          TLS Onboarding Portal
        </Link>
        <NavLinks items={nav} />
        <div className="ml-auto flex items-center gap-3 text-sm" data-testid="whoami">
          <div className="text-right leading-tight">
            <div className="font-medium">
              {user.name} <span className="text-slate-500">({user.email})</span>
            </div>
            <div className="text-slate-600">
              {user.organizationName} · <span data-testid="role">{ROLE_LABELS[user.role]}</span>
            </div>
          </div>
          <Link
            href="/notifications"
            className="relative rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
            aria-label={`Notifications, ${unread} unread`}
          >
            Inbox
            {unread > 0 && (
              <span
                data-testid="unread-count"
                className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
              >
                {unread > 99 ? "99+" : unread}
              </span>
            )}
          </Link>
          <Link href="/account/mfa" className="text-sm text-slate-700 underline-offset-2 hover:underline">
            Two-factor
          </Link>
          <Link href="/account/sessions" className="text-sm text-slate-700 underline-offset-2 hover:underline">
            Sessions
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
