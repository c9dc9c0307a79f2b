"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { probeConnection } from "@/lib/server/probes/probe-connection";
import { actionFailure, type ActionState } from "@/app/_lib/request";
import { audited, invalidRequest } from "@/app/_lib/action";

const input = z.object({ versionId: z.string().min(1).max(100), connectionId: z.string().min(1).max(100) });

export async function acknowledgeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalidRequest();
  try {
    await acknowledgeVersion({ ...(await audited()), versionId: parsed.data.versionId });
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
  if (!parsed.success) return invalidRequest();
  let verdict: string;
  try {
    ({ verdict } = await probeConnection({ ...(await audited()), connectionId: parsed.data.connectionId }));
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/connections/${parsed.data.connectionId}`);
  return { ok: true, message: `Endpoint checked: ${verdict}.` };
}
