import "server-only";
import { logError } from "@/lib/server/log";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor, RequestOrigin } from "@/lib/server/actor";
import { getCurrentUser } from "@/lib/server/auth/session";
import { toAppError } from "@/lib/server/errors";
import { originFromHeaders } from "@/lib/server/auth/origin";

export async function requestOrigin(): Promise<RequestOrigin> {
  return originFromHeaders(await headers());
}

/** For pages: the signed-in user, or a redirect to the sign-in page (optimistic; services check again). */
export async function pageUser(): Promise<Actor> {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login");
  return actor;
}

export type ActionState = { ok: boolean; message?: string; fieldErrors?: Record<string, string[] | undefined>; data?: Record<string, string> };

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
