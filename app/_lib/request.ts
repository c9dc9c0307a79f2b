import "server-only";
import { logError } from "@/lib/server/log";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Actor, RequestOrigin } from "@/lib/server/actor";
import { guardVerdict } from "@/lib/server/auth/session";
import type { Allowance } from "@/lib/server/auth/access";
import { can, type Action } from "@/lib/assets/permissions";
import { toAppError } from "@/lib/server/errors";
import { originFromHeaders } from "@/lib/server/auth/origin";

export async function requestOrigin(): Promise<RequestOrigin> {
  return originFromHeaders(await headers());
}

const REDIRECTS = {
  "signed-out": "/login",
  "session-ended": "/login?ended=revoked",
  "password-change-required": "/account/password",
  "mfa-enrolment-required": "/account/mfa",
} as const;

/**
 * For pages, called first, before any data is read: the signed-in user, or a redirect (to sign in, to
 * choose a password, to enrol a second factor). The layout's own redirect does not stop the page from
 * rendering in parallel, so every page must pass this guard itself; services check again.
 */
export async function pageUser(allow: Allowance = {}): Promise<Actor> {
  const verdict = await guardVerdict(!!allow.allowMfaEnrolment, !!allow.allowPasswordChange, "page");
  if (!verdict.actor) redirect(REDIRECTS[verdict.refusal]);
  return verdict.actor;
}

/** `pageUser`, for a page only some roles see (`may`): anyone else gets the 403 page; the services check again. */
export async function pageUserWho(may: Action): Promise<Actor> {
  const actor = await pageUser();
  if (!can(actor.role, may)) forbidden();
  return actor;
}

/** A page's URL query, as Next hands it over. */
/** A page's query as Next gives it: a parameter sent twice (`?a=1&a=2`) is an array. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A filter page's query without its empty fields (an empty input means no criterion), for the filter's schema. A
 * parameter sent more than once counts by its first value, as `URLSearchParams.get` reads it: no array reaches a
 * schema or a service's `where` (a hand-made `?organizationId=a&organizationId=b` must not become a 500).
 */
export async function filledIn(searchParams: SearchParams): Promise<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(await searchParams)
      .map(([name, value]) => [name, Array.isArray(value) ? value[0] : value])
      .filter((entry): entry is [string, string] => !!entry[1]),
  );
}

export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: Record<string, string>;
};

/** Maps a service error to what a form may show: our own message for AppError, a generic one otherwise. */
export function actionFailure(error: unknown): ActionState {
  const known = toAppError(error);
  if (known) return { ok: false, message: known.userMessage };
  logError("Unexpected error in a server action", error);
  return { ok: false, message: "Something went wrong on our side. Nothing was changed; try again." };
}

/**
 * For plain form actions (no state to show): a refusal changes nothing and re-renders the page as it is;
 * only an unexpected error propagates.
 */
export async function refusedQuietly(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!toAppError(error)) throw error;
  }
}
