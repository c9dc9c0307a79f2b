import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Allowance } from "@/lib/server/auth/access";
import { requireUser } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db/client";
import { actionFailure, requestOrigin, type ActionState } from "./request";

/**
 * What a server action hands every service first: the database and the signed-in user (`requireUser` throws for
 * anyone else). Who may do what stays the service's to decide.
 */
export async function signedIn(allow?: Allowance) {
  return { db: getDb(), actor: await requireUser(allow) };
}

/** `signedIn`, and where the request came from: for the services that write the audit trail. */
export async function audited(allow?: Allowance) {
  return { ...(await signedIn(allow)), origin: await requestOrigin() };
}

/** A form action's answer to input its schema refused (a form posts nothing else unless tampered with). */
export function invalidRequest(): ActionState {
  return { ok: false, message: "Invalid request." };
}

const decisionInput = z.object({
  id: z.string().min(1).max(100),
  decision: z.enum(["APPROVE", "REFUSE"]),
  reason: z.string().max(2000).optional(),
});

/**
 * A second person's decision on what waits for one (a staff grant, a Production publication): the id the form
 * posts as `idField`, approve or refuse, and the reason for refusing (an empty one is none).
 */
export function parseDecision(form: FormData, idField: string) {
  return decisionInput.safeParse({
    id: form.get(idField),
    decision: form.get("decision"),
    reason: form.get("reason") || undefined,
  });
}

/**
 * A form action's work, then the pages it changed revalidated: its message (and what is shown once, `data`) is
 * the form's outcome; a service error becomes `actionFailure`'s message, and nothing is revalidated.
 */
export async function revalidatedAfter(
  paths: readonly string[],
  work: () => Promise<string | { message: string; data?: Record<string, string> }>,
): Promise<ActionState> {
  try {
    const done = await work();
    for (const path of paths) revalidatePath(path);
    return typeof done === "string" ? { ok: true, message: done } : { ok: true, ...done };
  } catch (error) {
    return actionFailure(error);
  }
}
