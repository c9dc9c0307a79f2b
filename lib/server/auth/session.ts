import "server-only";
import { getServerSession } from "next-auth";
import { getDb } from "../db/client";
import { loadActor } from "./load-actor";
import { AppError } from "../errors";
import type { Actor } from "../actor";
import { authOptions } from "./options";
import { noteActor } from "@/lib/observe/runtime.mjs";

/**
 * The signed-in user, re-read from the database on every call: a user disabled a second ago, or whose
 * role changed, gets the new truth on the next request. Null when nobody (valid) is signed in.
 */
export async function getCurrentUser(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  const actor = await loadActor(getDb(), session.uid);
  if (actor) noteActor(actor.id);
  return actor;
}

/**
 * Guard: throws UNAUTHENTICATED when nobody is signed in, and FORBIDDEN for a user whose role requires a
 * second factor that is not set up yet (only the enrolment itself passes `allowMfaEnrolment`).
 */
export async function requireUser(options: { allowMfaEnrolment?: boolean } = {}): Promise<Actor> {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (actor.mfaEnrolmentRequired && !options.allowMfaEnrolment) throw new AppError("FORBIDDEN", "Set up two-factor authentication first (Account → Two-factor authentication).");
  return actor;
}

