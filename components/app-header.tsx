import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/assets/permissions";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = { name: string; email: string; role: Role; organizationName: string };

const MENU_LINK = "block rounded px-2 py-1 text-slate-700 hover:bg-slate-100";

/**
 * One row from 1280 px up (title, navigation, inbox, account menu); narrower, the navigation folds into its
 * "Menu" button. Who is signed in, the account pages and "Sign out" sit in the account menu.
 */
export function AppHeader({ user, nav, unread = 0 }: { user: HeaderUser; nav: NavItem[]; unread?: number }) {
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div
        data-testid="header-row"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 xl:flex-nowrap"
      >
        <Link href="/" className="text-base font-semibold tracking-tight whitespace-nowrap">
          TLS Onboarding Portal
        </Link>
        <NavLinks items={nav} />
        <div className="ml-auto flex items-center gap-1 text-sm" data-testid="whoami">
          <Link
            href="/notifications"
            className="relative rounded px-2 py-1 whitespace-nowrap text-slate-700 hover:bg-slate-100"
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
          <details className="relative" data-testid="account-menu">
            <summary className="block max-w-40 cursor-pointer list-none truncate rounded px-2 py-1 text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
              {user.name} <span aria-hidden="true">▾</span>
            </summary>
            <div className="absolute right-0 z-30 mt-2 w-72 max-w-[calc(100vw-2rem)] space-y-2 rounded border border-slate-200 bg-white p-3 shadow-md">
              <div className="leading-tight break-words">
                <div className="font-medium">
                  {user.name} <span className="text-slate-600">({user.email})</span>
                </div>
                <div className="text-slate-600">
                  {user.organizationName} · <span data-testid="role">{ROLE_LABELS[user.role]}</span>
                </div>
              </div>
              <ul>
                <li>
                  <Link href="/account/mfa" className={MENU_LINK}>
                    Two-factor
                  </Link>
                </li>
                <li>
                  <Link href="/account/sessions" className={MENU_LINK}>
                    Sessions
                  </Link>
                </li>
              </ul>
              <SignOutButton />
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}
