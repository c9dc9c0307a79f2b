"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { probeConnection } from "@/lib/server/probes/probe-connection";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

const input = z.object({ versionId: z.string().min(1).max(100), connectionId: z.string().min(1).max(100) });

export async function acknowledgeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  try {
    const actor = await requireUser();
    await acknowledgeVersion({ db: getDb(), actor, versionId: parsed.data.versionId, origin: await requestOrigin() });
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/connections/${parsed.data.connectionId}`);
  return { ok: true, message: "Receipt acknowledged." };
}

const probeInput = z.object({ connectionId: z.string().min(1).max(100) });

/** The "Check endpoint now" button: the same service as POST /api/v1/connections/{id}/probe (no port override). */
export async function probeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = probeInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  let verdict: string;
  try {
    const actor = await requireUser();
    verdict = (
      await probeConnection({
        db: getDb(),
        actor,
        connectionId: parsed.data.connectionId,
        origin: await requestOrigin(),
      })
    ).verdict;
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/connections/${parsed.data.connectionId}`);
  return { ok: true, message: `Endpoint checked: ${verdict}.` };
}
